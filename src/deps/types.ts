/**
 * The data of the dependency capability: packages found in manifests, lockfiles and code,
 * and what the checks concluded about them.
 *
 * Invariants:
 * - Package names are kept as written; comparisons use `normalizeName` (PEP 503 for PyPI,
 *   lower case for npm).
 * - A check that could not run is recorded in `CheckReport.unchecked`, never read as "no
 *   findings": a registry or API failure is never reported as "no vulnerabilities".
 */
import type { Confidence, DependencyInfo, Location, Severity, Unchecked as CoreUnchecked } from '../core/types.js';

export type Ecosystem = 'npm' | 'PyPI';

export interface PackageRef {
  ecosystem: Ecosystem;
  name: string;
  /** An exact version when known. */
  version?: string;
}

/** A package as one input declares it (or as code imports it). */
export interface Dependency extends PackageRef {
  /** The requirement as written ("^4.17.0", ">=2.0,<3"), when it is not an exact version. */
  spec?: string;
  /**
   * How `version` was obtained: 'exact' (a pin or a lockfile entry: what gets installed) or
   * 'minimum' (the lowest version a range allows: what an install may get).
   */
  versionKind?: 'exact' | 'minimum';
  source: 'manifest' | 'lockfile' | 'import';
  /** The declaring file, as reported. */
  file: string;
  location: Location;
  /** The declaring line, trimmed. */
  snippet: string;
  dev?: boolean;
  /** For imports: the module as written (`cv2`, `@scope/pkg/sub`). */
  module?: string;
  /** For imports: the distribution name was guessed from the module name (no known mapping). */
  guessed?: boolean;
  /** Not fetched from the registry (git, path, url, workspace dependencies). */
  nonRegistry?: boolean;
}

export type CheckKind = 'vulnerable' | 'malicious' | 'invented' | 'suspicious' | 'typosquat' | 'undeclared';

export interface DependencyFinding {
  kind: CheckKind;
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  /** What is wrong, why it matters, what to do instead. */
  message: string;
  dependency: DependencyInfo;
}

export type CheckName = 'vulnerabilities' | 'registry' | 'typosquat';

/** A check that did not run (or ran only in part), with the reason and the packages it missed. */
export interface Unchecked extends CoreUnchecked {
  check: CheckName;
}

export interface CheckReport {
  findings: DependencyFinding[];
  unchecked: Unchecked[];
  /** Where vulnerability data came from: 'osv-api', 'database' (with its date), or 'none'. */
  advisorySource: string;
}

/** Network, cache and database settings shared by every check. */
export interface CheckOptions {
  /** Use no network: vulnerabilities from the local database, registry checks skipped. */
  offline?: boolean;
  /** Which checks run (default all). */
  checks?: Partial<Record<CheckName, boolean>>;
  /** OSV API base URL (env REDPEN_OSV_URL; default https://api.osv.dev). */
  osvUrl?: string;
  /** npm registry base URL (env REDPEN_NPM_REGISTRY; default https://registry.npmjs.org). */
  npmRegistry?: string;
  /** PyPI base URL (env REDPEN_PYPI_URL; default https://pypi.org). */
  pypiUrl?: string;
  /** SQLite advisory database (env REDPEN_DB; default <cache>/osv.sqlite). */
  dbPath?: string;
  /** Folder for cached registry metadata and advisories; false disables. */
  cacheDir?: string | false;
  /** Cached registry metadata older than this is fetched again (default 24 h). */
  cacheTtlMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Concurrent requests (default 8). */
  concurrency?: number;
  /** A package first published fewer than this many days ago is flagged (default 30). */
  recentDays?: number;
  /**
   * A local advisory database whose newest advisory is older than this many days is stale: it
   * still answers, and the report says advisories published since were not checked (default 7;
   * env REDPEN_DB_MAX_AGE_DAYS).
   */
  maxDatabaseAgeDays?: number;
  /** Why the run is offline, for the reasons of the checks that did not run (default "offline"). */
  offlineReason?: string;
  /** The clock, for tests. */
  now?: Date;
}
