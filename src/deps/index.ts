/**
 * The dependency capability: vulnerable versions (OSV), packages that do not exist or look
 * risky on their registry, typosquats of popular names, and imports no manifest declares.
 *
 * Importing this module registers the project analyzer that folds dependency findings into
 * `redpen scan`. A scan never waits on the network unless asked: by default it uses the local
 * advisory database when one exists and the checks that need no network (typosquats,
 * undeclared imports); `--deps-online` (or `dependencies: {online: true}` in the detector
 * config) adds the OSV API and registry lookups, each bounded by timeouts.
 */
import fs from 'node:fs';
import { registerProjectAnalyzer } from '../runner/detectors.js';
import { analyzeDependencies, uncheckedErrors, type DepsOptions } from './analyze.js';
import { defaultDbPath } from './check.js';

export { analyzeDependencies, uncheckedErrors, type DepsOptions, type DepsResult } from './analyze.js';
export { checkPackages, defaultDbPath, DEFAULT_NPM_REGISTRY, DEFAULT_OSV_URL, DEFAULT_PYPI_URL } from './check.js';
export { AdvisoryDb, type ImportStats } from './db.js';
export { updateDatabase, DEFAULT_ARCHIVE_URL } from './update.js';
export type { CheckOptions, CheckReport, DependencyFinding, Dependency, Ecosystem, PackageRef, Unchecked } from './types.js';

/** Options of the scan analyzer, from DetectorConfig.dependencies. */
export function scanDepsOptions(config: Record<string, unknown>): DepsOptions {
  const online = config.online === true;
  const dbPath = typeof config.dbPath === 'string' ? config.dbPath : defaultDbPath();
  return {
    offline: !online,
    dbPath,
    checks: { registry: online, vulnerabilities: online || fs.existsSync(dbPath), typosquat: true },
    ...(typeof config.timeoutMs === 'number' ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.cacheDir === false || typeof config.cacheDir === 'string' ? { cacheDir: config.cacheDir as string | false } : {}),
    ...(typeof config.osvUrl === 'string' ? { osvUrl: config.osvUrl } : {}),
    ...(typeof config.npmRegistry === 'string' ? { npmRegistry: config.npmRegistry } : {}),
    ...(typeof config.pypiUrl === 'string' ? { pypiUrl: config.pypiUrl } : {}),
  };
}

registerProjectAnalyzer({
  id: 'deps',
  async analyze({ targets, cwd, config }) {
    const c = config.dependencies;
    if (c === false) return { findings: [], errors: [] };
    const r = await analyzeDependencies(targets, cwd, scanDepsOptions(typeof c === 'object' && c ? c : {}));
    return { findings: r.findings, errors: [...r.errors, ...uncheckedErrors(r)] };
  },
});
