/**
 * Baselines: the fingerprints of known findings, so later scans report only new ones.
 * A baseline file never holds code or secret values, only fingerprints, rule ids and paths.
 */
import type { Finding } from './types.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
}

export interface Baseline {
  version: 1;
  tool: 'redpen';
  createdAt: string;
  entries: BaselineEntry[];
}

export function createBaseline(findings: Finding[], now = new Date()): Baseline {
  // related findings too: a later scan may report the same flaw through one of them
  const entries = findings
    .flatMap((f) => [f, ...(f.related ?? [])])
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'redpen', createdAt: now.toISOString(), entries };
}

export class BaselineError extends Error {}

export function parseBaseline(text: string, file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not JSON (${(e as Error).message})`);
  }
  const b = data as Partial<Baseline>;
  if (!b || b.version !== 1 || !Array.isArray(b.entries)) throw new BaselineError(`${file}: not a redpen baseline (version 1)`);
  return new Set(b.entries.map((e) => e.fingerprint).filter((f): f is string => typeof f === 'string'));
}

/** Mark findings whose fingerprint is in the baseline as suppressed (kind 'baseline'). */
export function applyBaseline(findings: Finding[], known: Set<string>): void {
  for (const f of findings) if (!f.suppressed && known.has(f.fingerprint)) f.suppressed = { kind: 'baseline' };
}
