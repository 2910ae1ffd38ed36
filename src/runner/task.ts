/**
 * Scanning one target: read, consult the cache, scan, store. Used in worker threads and,
 * for small scans, in the main thread (no pool start-up cost).
 */
import type { FileResult } from '../core/types.js';
import { Scanner, type ScannedFile } from '../core/scanner.js';
import type { ModuleTaint } from '../engine/taint/interfile.js';
import type { Rule } from '../core/rule.js';
import { readTarget, type Target } from '../files/walk.js';
import { maxBytesFor } from '../core/limits.js';
import { ResultCache } from './cache.js';
import { createDetectors, type DetectorConfig } from './detectors.js';

export interface TaskContext {
  rules: Rule[];
  detectors: DetectorConfig;
  maxFileBytes: number;
  parseTimeoutMs?: number;
  cache?: { dir: string; salt: string };
  /** Record taint summaries for cross-file analysis. */
  interfile?: boolean;
  /** Key of secret fingerprints, resolved by the runner (every worker uses the same). */
  secretKey?: string;
}

export interface TaskState {
  scanner: Scanner;
  cache: ResultCache | null;
  maxFileBytes: number;
}

export async function createTaskState(ctx: TaskContext): Promise<TaskState> {
  const scanner = await Scanner.create({
    rules: ctx.rules,
    detectors: createDetectors(ctx.detectors),
    maxFileBytes: ctx.maxFileBytes,
    parseTimeoutMs: ctx.parseTimeoutMs,
    interfile: ctx.interfile,
    secretKey: ctx.secretKey,
    // runScan relates each file's findings once the cross-file pass has replaced its taint ones
    relate: false,
  });
  return { scanner, cache: ctx.cache ? new ResultCache(ctx.cache.dir, ctx.cache.salt) : null, maxFileBytes: ctx.maxFileBytes };
}

export async function scanTarget(state: TaskState, target: Target): Promise<ScannedFile> {
  const read = await readTarget(target, maxBytesFor(target.path, state.maxFileBytes));
  if (read.error) {
    return { path: target.path, findings: [], errors: [read.error], lines: 0, bytes: target.size, skipped: true };
  }
  const text = read.text!;
  const key = state.cache?.key(target.path, text);
  if (key) {
    const hit = state.cache!.get(key);
    if (hit) return { ...hit, cached: true };
  }
  let result: ScannedFile;
  try {
    result = state.scanner.scanText(target.path, text);
  } catch (e) {
    // scanText reports bad input itself; this is a bug, and still must not lose the file
    result = {
      path: target.path,
      findings: [],
      errors: [{ path: target.path, kind: 'internal', level: 'error', message: `internal error: ${(e as Error).message}` }],
      lines: 0,
      bytes: text.length,
      skipped: true,
    };
  }
  if (key && !result.errors.some((e) => e.kind === 'internal' || e.kind === 'timeout')) state.cache!.set(key, result);
  return result;
}

/** The second pass of a project scan: taint only, with other files' summaries. */
export async function rescanTarget(state: TaskState, target: Target, table: [string, ModuleTaint][]): Promise<ScannedFile> {
  const read = await readTarget(target, state.maxFileBytes);
  if (read.error) return { path: target.path, findings: [], errors: [], lines: 0, bytes: 0 };
  try {
    return state.scanner.rescanTaint(target.path, read.text!, new Map(table));
  } catch (e) {
    return {
      path: target.path,
      findings: [],
      errors: [{ path: target.path, kind: 'internal', level: 'warning', message: `cross-file taint analysis failed: ${(e as Error).message}` }],
      lines: 0,
      bytes: 0,
    };
  }
}

export type Task = { kind: 'scan'; target: Target } | { kind: 'rescan'; target: Target; table: [string, ModuleTaint][] };

export function runTask(state: TaskState, task: Task): Promise<ScannedFile> {
  return task.kind === 'scan' ? scanTarget(state, task.target) : rescanTarget(state, task.target, task.table);
}

export type { FileResult };
