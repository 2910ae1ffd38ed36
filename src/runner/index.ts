/**
 * Scanning files and folders: collect targets, scan them (worker threads for large scans),
 * and assemble one ScanResult in a deterministic order whatever the scheduling.
 *
 * Invariant: every target ends as a FileResult (findings or an error); the result lists
 * findings below the threshold and suppressed ones as counts or lists, never drops them unseen.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Rule } from '../core/rule.js';
import { DEFAULT_MAX_FILE_BYTES } from '../core/scanner.js';
import { atLeast } from '../core/severity.js';
import type { FileResult, Finding, RuleInfo, ScanError, ScanResult, Severity } from '../core/types.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { collectTargets, type Target } from '../files/walk.js';
import { VERSION } from '../version.js';
import '../capabilities.js';
import { defaultCacheDir, hashOf } from './cache.js';
import { projectAnalyzers, type DetectorConfig } from './detectors.js';
import { applyBaseline } from '../core/baseline.js';
import { createTaskState, scanTarget, type TaskContext } from './task.js';

export interface RunOptions {
  paths: string[];
  rules: Rule[];
  detectors?: DetectorConfig;
  cwd?: string;
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** false disables; a string names the cache folder. */
  cache?: boolean | string;
  /** Worker threads; 1 scans in the main thread. Default: all cores for large scans. */
  jobs?: number;
  /** Lowest severity reported. */
  severity?: Severity;
  onProgress?: (done: number, total: number) => void;
  /** Extra errors to report (rule load warnings). */
  errors?: ScanError[];
  /** Fingerprints of known findings: reported as suppressed (kind 'baseline'). */
  baseline?: Set<string>;
}

/** Below this many bytes of input a worker pool costs more than it saves. */
const POOL_MIN_BYTES = 400_000;
const POOL_MIN_FILES = 16;

export function rulesetHash(rules: Rule[], detectors: DetectorConfig): string {
  return hashOf(VERSION, JSON.stringify(rules), JSON.stringify(detectors));
}

export async function runScan(options: RunOptions): Promise<ScanResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const detectors = options.detectors ?? {};
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { targets, errors: walkErrors } = await collectTargets(options.paths, {
    cwd,
    include: options.include,
    exclude: options.exclude,
  });
  const cacheDir = options.cache === false ? null : typeof options.cache === 'string' ? options.cache : defaultCacheDir();
  const ctx: TaskContext = {
    rules: options.rules,
    detectors,
    maxFileBytes,
    cache: cacheDir ? { dir: cacheDir, salt: rulesetHash(options.rules, detectors) } : undefined,
  };
  const results = await scanTargets(targets, ctx, options);
  const extraErrors = [...(options.errors ?? []), ...walkErrors];
  for (const a of projectAnalyzers()) {
    try {
      const out = await a.analyze({ targets, cwd, config: detectors });
      results.push({ path: `<${a.id}>`, findings: out.findings, errors: [], lines: 0, bytes: 0 });
      extraErrors.push(...out.errors);
    } catch (e) {
      extraErrors.push({ path: '.', kind: 'internal', level: 'error', message: `${a.id} failed: ${(e as Error).message}` });
    }
  }
  if (options.baseline) for (const r of results) applyBaseline(r.findings, options.baseline);
  return assemble(results, extraErrors, options.rules.map(ruleInfo), options.severity, targets.map((t) => t.path), started);
}

async function scanTargets(targets: Target[], ctx: TaskContext, options: RunOptions): Promise<FileResult[]> {
  const total = targets.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);
  const bytes = targets.reduce((a, t) => a + t.size, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const jobs = options.jobs ?? (bytes >= POOL_MIN_BYTES && targets.length >= POOL_MIN_FILES ? cores : 1);
  if (jobs <= 1 || targets.length <= 1) {
    const state = await createTaskState(ctx);
    const out: FileResult[] = [];
    for (const t of targets) {
      out.push(await scanTarget(state, t));
      progress();
    }
    return out;
  }
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./worker.js', import.meta.url)),
    workerData: ctx,
    minThreads: Math.min(jobs, targets.length),
    maxThreads: Math.min(jobs, targets.length),
    // a scan error in one file must not take the pool down; the task reports it itself
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      targets.map(async (t) => {
        try {
          return (await pool.run(t)) as FileResult;
        } catch (e) {
          return {
            path: t.path,
            findings: [],
            errors: [{ path: t.path, kind: 'internal', level: 'error', message: `worker failed: ${(e as Error).message}` }],
            lines: 0,
            bytes: t.size,
            skipped: true,
          } satisfies FileResult;
        } finally {
          progress();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}

export function assemble(results: FileResult[], extraErrors: ScanError[], rules: RuleInfo[], severity: Severity | undefined, paths: string[], started: number): ScanResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const errors: ScanError[] = [...extraErrors];
  let files = 0;
  let lines = 0;
  let bytes = 0;
  let cached = 0;
  let skipped = 0;
  let below = 0;
  for (const r of results) {
    // project analyzers' pseudo-results (`<deps>`) are not files
    if (!r.path.startsWith('<')) {
      files++;
      lines += r.lines;
      bytes += r.bytes;
      if (r.cached) cached++;
      if (r.skipped) skipped++;
    }
    errors.push(...r.errors);
    for (const f of r.findings) {
      if (f.suppressed) suppressed.push(f);
      else if (severity && !atLeast(f.severity, severity)) below++;
      else findings.push(f);
    }
  }
  return {
    findings,
    suppressed,
    errors,
    rules,
    paths,
    stats: {
      files,
      filesCached: cached,
      filesSkipped: skipped,
      lines,
      bytes,
      rules: rules.length,
      durationMs: Math.round(performance.now() - started),
      suppressed: suppressed.length,
      belowThreshold: below,
    },
  };
}
