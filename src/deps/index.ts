/**
 * The dependency capability: vulnerable versions (OSV), packages that do not exist or look
 * risky on their registry, typosquats of popular names, and imports no manifest declares.
 * This is the library surface; `./register.js` folds the checks into `redpen scan`.
 */
import './register.js';

export { analyzeDependencies, checkManifestChange, uncheckedErrors, type DepsOptions, type DepsResult, type ManifestChangeResult } from './analyze.js';
export { checkPackages, DEFAULT_NPM_REGISTRY, DEFAULT_OSV_URL, DEFAULT_PYPI_URL } from './check.js';
export { defaultDbPath } from './paths.js';
export { AdvisoryDb, changeAside, DatabaseError, type ImportStats } from './db.js';
export { scanDepsOptions } from './register.js';
export { updateDatabase, DEFAULT_ARCHIVE_URL } from './update.js';
export type { CheckOptions, CheckReport, DependencyFinding, Dependency, Ecosystem, PackageRef, Unchecked } from './types.js';
