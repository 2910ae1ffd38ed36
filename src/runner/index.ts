/**
 * Scanning files and folders: collect targets, scan them (worker threads for large scans),
 * and assemble one ScanResult in a deterministic order whatever the scheduling.
 *
 * Invariant: every target ends as a FileResult (findings or an error); the result lists
 * findings below the threshold and suppressed ones as counts or lists, never drops them unseen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config/rules.js';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Rule } from '../core/rule.js';
import { DEFAULT_MAX_FILE_BYTES } from '../core/scanner.js';
import { atLeast } from '../core/severity.js';
import type { FileResult, Finding, RuleInfo, ScanError, ScanResult, Severity, Unchecked } from '../core/types.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { collectTargets, type Target } from '../files/walk.js';
import { VERSION } from '../version.js';
import '../capabilities.js';
import { defaultCacheDir, hashOf } from './cache.js';
import { projectAnalyzers, type DetectorConfig } from './detectors.js';
import { applyBaseline } from '../core/baseline.js';
import { relateFindings } from '../core/related.js';
import { createTaskState, runTask, type Task, type TaskContext, type TaskState } from './task.js';
import type { ScannedFile } from '../core/scanner.js';
import { neededModules, resolveImports, type ModuleTaint } from '../engine/taint/interfile.js';
import { wordsOf } from '../engine/formula.js';
import { defaultSecretKey } from '../secrets/key.js';
import { Redaction } from '../secrets/redact.js';

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
  /** Key of secret fingerprints (a baseline's); default: REDPEN_SECRET_KEY, else this user's key. */
  secretKey?: string;
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
  const { targets, errors: walkErrors, skipped } = await collectTargets(options.paths, {
    cwd,
    include: options.include,
    exclude: options.exclude,
  });
  const cacheDir = options.cache === false ? null : typeof options.cache === 'string' ? options.cache : defaultCacheDir();
  // resolved once here so that every worker fingerprints with the same key
  const secretKey = options.secretKey ?? defaultSecretKey();
  const interfile = targets.length > 1 && options.rules.some((r) => r.mode === 'taint');
  const ctx: TaskContext = {
    rules: options.rules,
    detectors,
    maxFileBytes,
    // the key shapes cached results (fingerprints): it salts the cache without being stored
    cache: cacheDir ? { dir: cacheDir, salt: hashOf(rulesetHash(options.rules, detectors), secretKey) } : undefined,
    interfile,
    secretKey,
  };
  const executor = await Executor.start(ctx, targets, options.jobs);
  let results: ScannedFile[];
  try {
    let done = 0;
    results = await executor.runAll(
      targets.map((target) => ({ kind: 'scan', target })),
      () => options.onProgress?.(++done, targets.length),
    );
    if (interfile) await crossFileTaint(executor, targets, results);
  } finally {
    await executor.close();
  }
  for (const r of results) r.findings = relateFindings(r.findings);
  const extraErrors = [...(options.errors ?? []), ...walkErrors];
  const unchecked: Unchecked[] = [];
  for (const a of projectAnalyzers()) {
    try {
      const out = await a.analyze({ targets, cwd, config: detectors });
      results.push({ path: `<${a.id}>`, findings: out.findings, errors: [], lines: 0, bytes: 0 });
      extraErrors.push(...out.errors);
      unchecked.push(...(out.unchecked ?? []));
    } catch (e) {
      extraErrors.push({ path: '.', kind: 'internal', level: 'error', message: `${a.id} failed: ${(e as Error).message}` });
    }
  }
  if (options.baseline) for (const r of results) applyBaseline(r.findings, options.baseline);
  const result = assemble(results, extraErrors, options.rules.map(ruleInfo), options.severity, targets.map((t) => t.path), started);
  result.unchecked = sortUnchecked(unchecked);
  result.stats.skipped = skipped;
  return result;
}

/** Checks that did not run, in a stable order (by check, then reason). */
export function sortUnchecked(list: Unchecked[]): Unchecked[] {
  return [...list].sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/**
 * Cross-file taint: re-analyse the files that import a module whose summaries say more than
 * default propagation (a sink inside, a source returned, a sanitizer), with those summaries,
 * until no summary changes (bounded: chains longer than MAX_PASSES are cut).
 */
const MAX_PASSES = 3;

async function crossFileTaint(executor: Executor, targets: Target[], results: ScannedFile[]): Promise<void> {
  const byPath = new Map(results.map((r, i) => [r.path, i]));
  const targetOf = new Map(targets.map((t) => [t.path, t]));
  const table = new Map<string, ModuleTaint>();
  for (const r of results) if (r.taint) table.set(r.path, r.taint);
  const files = new Set(table.keys());
  const importsOf = new Map<string, string[]>();
  for (const m of table.values()) importsOf.set(m.path, resolveImports(m, files));
  // who imports whom; a file is worth re-analysing when it may find a flow itself (it has
  // sources) or others rely on its summaries (it is imported)
  const importedBy = new Map<string, number>();
  for (const deps of importsOf.values()) for (const d of deps) importedBy.set(d, (importedBy.get(d) ?? 0) + 1);
  let changed = new Set([...table.values()].filter((m) => Object.keys(m.exports).length > 0).map((m) => m.path));
  const wordsByFile = new Map<string, Set<string> | null>(); // read once for all passes
  for (let pass = 0; pass < MAX_PASSES && changed.size > 0; pass++) {
    const dependents = [...table.keys()].filter(
      (p) =>
        (table.get(p)!.hasSources || importedBy.has(p)) &&
        importsOf.get(p)!.some((d) => changed.has(d)) &&
        mentionsChangedExport(targetOf.get(p)?.abs, wordsByFile, importsOf.get(p)!.filter((d) => changed.has(d)).map((d) => table.get(d)!)),
    );
    if (dependents.length === 0) break;
    // each task carries only the summaries its file can reach
    const outs = await executor.runAll(
      dependents.map((p) => ({
        kind: 'rescan' as const,
        target: targetOf.get(p)!,
        table: neededModules(p, importsOf, table).map((f) => [f, table.get(f)!] as [string, ModuleTaint]).filter(([, m]) => m),
      })),
    );
    const next = new Set<string>();
    outs.forEach((out, i) => {
      const path = dependents[i];
      const r = results[byPath.get(path)!];
      // the second pass's taint findings replace the first's (search rules and secrets stay)
      r.findings = [...r.findings.filter((f) => f.kind !== 'taint'), ...out.findings].sort(
        (a, b) => a.location.path.localeCompare(b.location.path) || a.location.start.offset - b.location.start.offset,
      );
      r.errors.push(...out.errors);
      if (out.taint && JSON.stringify(out.taint.exports) !== JSON.stringify(table.get(path)?.exports)) {
        table.set(path, out.taint);
        next.add(path);
      }
    });
    changed = next;
  }
  dedupeForeignFindings(results);
}

/**
 * Whether a file names a function whose summary changed in a module it imports: a file that
 * never mentions one cannot call it (imports and aliases spell the name too), so its second
 * pass would find what its first did. Default exports and re-exports are not checked by name.
 */
function mentionsChangedExport(file: string | undefined, cache: Map<string, Set<string> | null>, modules: ModuleTaint[]): boolean {
  const names = new Set<string>();
  for (const m of modules) {
    if (m.reexports.length > 0) return true;
    for (const k of Object.keys(m.exports)) {
      if (k === 'default' || !/^[\w$.]+$/.test(k)) return true;
      names.add(k.split('.').pop()!);
    }
  }
  if (names.size === 0) return false;
  if (!file) return true;
  let words = cache.get(file);
  if (words === undefined) {
    try {
      words = wordsOf(fs.readFileSync(file, 'utf8'));
    } catch {
      words = null;
    }
    cache.set(file, words);
  }
  if (!words) return true;
  for (const n of names) if (words.has(n)) return true;
  return false;
}

/** A sink in one file reached from several callers is one finding. */
function dedupeForeignFindings(results: ScannedFile[]): void {
  const seen = new Set<string>();
  for (const r of results) {
    r.findings = r.findings.filter((f) => {
      if (f.kind !== 'taint' || f.location.path === r.path) return true;
      const key = `${f.ruleId}|${f.location.path}|${f.location.start.offset}|${f.location.end.offset}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  // a foreign finding that duplicates one the sink's own file reported
  const own = new Set<string>();
  for (const r of results) for (const f of r.findings) if (f.kind === 'taint' && f.location.path === r.path) own.add(`${f.ruleId}|${f.location.path}|${f.location.start.offset}|${f.location.end.offset}`);
  for (const r of results) r.findings = r.findings.filter((f) => f.kind !== 'taint' || f.location.path === r.path || !own.has(`${f.ruleId}|${f.location.path}|${f.location.start.offset}|${f.location.end.offset}`));
}

/** The compiled worker module (beside this one; from TypeScript sources, the built copy). */
function workerFile(): string | null {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (fs.existsSync(beside)) return beside;
  const built = path.join(PACKAGE_ROOT, 'dist', 'runner', 'worker.js');
  return fs.existsSync(built) ? built : null;
}

/** Runs tasks in the main thread (small scans) or on a worker pool. */
class Executor {
  private constructor(
    private state: TaskState | null,
    private pool: Piscina | null,
  ) {}

  static async start(ctx: TaskContext, targets: Target[], jobsOpt?: number): Promise<Executor> {
    const bytes = targets.reduce((a, t) => a + t.size, 0);
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    const jobs = jobsOpt ?? (bytes >= POOL_MIN_BYTES && targets.length >= POOL_MIN_FILES ? cores : 1);
    const worker = workerFile();
    if (jobs <= 1 || targets.length <= 1 || !worker) return new Executor(await createTaskState(ctx), null);
    const threads = Math.min(jobs, targets.length);
    const pool = new Piscina({
      filename: worker,
      workerData: ctx,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
    });
    return new Executor(null, pool);
  }

  async runAll(tasks: Task[], progress?: () => void): Promise<ScannedFile[]> {
    if (this.state) {
      const out: ScannedFile[] = [];
      for (const t of tasks) {
        out.push(await this.guard(t, () => runTask(this.state!, t)));
        progress?.();
      }
      return out;
    }
    return Promise.all(
      tasks.map(async (t) => {
        const r = await this.guard(t, () => this.pool!.run(t) as Promise<ScannedFile>);
        progress?.();
        return r;
      }),
    );
  }

  /** A task that fails still yields a result for its file: nothing is lost. */
  private async guard(t: Task, f: () => Promise<ScannedFile>): Promise<ScannedFile> {
    try {
      return await f();
    } catch (e) {
      return {
        path: t.target.path,
        findings: [],
        errors: [{ path: t.target.path, kind: 'internal', level: 'error', message: `worker failed: ${(e as Error).message}` }],
        lines: 0,
        bytes: t.kind === 'scan' ? t.target.size : 0,
        skipped: t.kind === 'scan',
      };
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

/**
 * One ScanResult from file results. Findings pass the secrets redaction once more: documents'
 * findings already did (Scanner), so this hides provider-format tokens in the findings no
 * single document made (dependency checks from manifests, git history) and changes nothing else.
 */
export function assemble(results: FileResult[], extraErrors: ScanError[], rules: RuleInfo[], severity: Severity | undefined, paths: string[], started: number): ScanResult {
  const redaction = new Redaction(defaultSecretKey());
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const below: Finding[] = [];
  const errors: ScanError[] = [...extraErrors];
  let files = 0;
  let lines = 0;
  let bytes = 0;
  let cached = 0;
  let skipped = 0;
  for (const r of results) {
    // project analyzers' pseudo-results (`<deps>`) are not files
    if (!r.path.startsWith('<')) {
      files++;
      lines += r.lines;
      bytes += r.bytes;
      if (r.cached) cached++;
      if (r.skipped) skipped++;
    }
    errors.push(...r.errors.map((e) => redaction.value(e)));
    for (const found of r.findings) {
      const f = redaction.finding(found);
      if (f.suppressed) suppressed.push(f);
      else if (severity && !atLeast(f.severity, severity)) below.push(f);
      else findings.push(f);
    }
  }
  return {
    findings,
    suppressed,
    errors,
    rules,
    paths,
    unchecked: [],
    ...(severity ? { threshold: severity } : {}),
    belowThresholdFindings: below,
    stats: {
      files,
      filesCached: cached,
      filesSkipped: skipped,
      lines,
      bytes,
      rules: rules.length,
      durationMs: Math.round(performance.now() - started),
      suppressed: suppressed.length,
      belowThreshold: below.length,
    },
  };
}
