/**
 * Folds dependency findings into `redpen scan`. Imported by src/capabilities.ts, which every
 * worker thread also imports, so this module is cheap: the checks load on first use, in the
 * main thread only.
 *
 * A scan never waits on the network unless asked: by default it uses the local advisory
 * database when one exists and the checks that need no network (typosquats, undeclared
 * imports); `--deps-online` (DetectorConfig `dependencies: {online: true}`) adds the OSV API
 * and registry lookups, each bounded by timeouts.
 */
import { registerProjectAnalyzer } from '../runner/detectors.js';
import type { DepsOptions } from './analyze.js';
import { defaultDbPath } from './paths.js';

/** Options of the scan analyzer, from DetectorConfig.dependencies. */
export function scanDepsOptions(config: Record<string, unknown>): DepsOptions {
  const online = config.online === true;
  const dbPath = typeof config.dbPath === 'string' ? config.dbPath : defaultDbPath();
  const str = (k: string) => (typeof config[k] === 'string' ? { [k]: config[k] as string } : {});
  return {
    offline: !online,
    offlineReason: 'offline (`redpen scan` uses no network unless --deps-online; `redpen deps` checks online)',
    dbPath,
    // every check is asked for: one that cannot run offline is reported as not run, never skipped unseen
    checks: { registry: true, vulnerabilities: true, typosquat: true },
    ...(typeof config.timeoutMs === 'number' ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.cacheDir === false || typeof config.cacheDir === 'string' ? { cacheDir: config.cacheDir as string | false } : {}),
    ...str('osvUrl'),
    ...str('npmRegistry'),
    ...str('pypiUrl'),
    ...(Array.isArray(config.roots) ? { roots: config.roots.filter((r): r is string => typeof r === 'string') } : {}),
  };
}

registerProjectAnalyzer({
  id: 'deps',
  async analyze({ targets, cwd, config }) {
    const c = config.dependencies;
    if (c === false) return { findings: [], errors: [] };
    const { analyzeDependencies } = await import('./analyze.js');
    const r = await analyzeDependencies(targets, cwd, scanDepsOptions(typeof c === 'object' && c ? c : {}));
    return { findings: r.findings, errors: r.errors, unchecked: r.unchecked };
  },
});
