/**
 * Scanning one target: read, consult the cache, scan, store. Used in worker threads and,
 * for small scans, in the main thread (no pool start-up cost).
 */
import type { FileResult } from '../core/types.js';
import { Scanner } from '../core/scanner.js';
import type { Rule } from '../core/rule.js';
import { readTarget, type Target } from '../files/walk.js';
import { ResultCache } from './cache.js';
import { createDetectors, type DetectorConfig } from './detectors.js';

export interface TaskContext {
  rules: Rule[];
  detectors: DetectorConfig;
  maxFileBytes: number;
  parseTimeoutMs?: number;
  cache?: { dir: string; salt: string };
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
  });
  return { scanner, cache: ctx.cache ? new ResultCache(ctx.cache.dir, ctx.cache.salt) : null, maxFileBytes: ctx.maxFileBytes };
}

export async function scanTarget(state: TaskState, target: Target): Promise<FileResult> {
  const read = await readTarget(target, state.maxFileBytes);
  if (read.error) {
    return { path: target.path, findings: [], errors: [read.error], lines: 0, bytes: target.size, skipped: true };
  }
  const text = read.text!;
  const key = state.cache?.key(target.path, text);
  if (key) {
    const hit = state.cache!.get(key);
    if (hit) return { ...hit, cached: true };
  }
  let result: FileResult;
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
