/**
 * Baselines: the fingerprints of known findings, so later scans report only new ones.
 * A baseline file never holds code or secret values, only fingerprints, rule ids and paths,
 * and `salt`, the key its secrets were fingerprinted with: scans that use the baseline
 * fingerprint with it, so the baseline matches on every machine, while reports made with it
 * say nothing about a secret to whoever lacks the repository (see secrets/key.ts). (Named
 * `salt`, not `key`: the secrets detector rightly flags a random value assigned to a key.)
 */
import type { Finding, ScanError } from './types.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
}

export interface Baseline {
  version: 1;
  tool: 'redpen';
  createdAt: string;
  /** The key of the secret fingerprints in `entries` (64 hex digits); absent in baselines made before keys. */
  salt?: string;
  entries: BaselineEntry[];
}

/** `secretKey`: the key the findings' secrets were fingerprinted with. */
export function createBaseline(findings: Finding[], now = new Date(), secretKey?: string): Baseline {
  // related findings too: a later scan may report the same flaw through one of them
  const entries = findings
    .flatMap((f) => [f, ...(f.related ?? [])])
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'redpen', createdAt: now.toISOString(), ...(secretKey ? { salt: secretKey } : {}), entries };
}

export class BaselineError extends Error {}

export interface LoadedBaseline {
  fingerprints: Set<string>;
  /** Scans that use the baseline fingerprint secrets with this key. */
  secretKey?: string;
  /** What the scan should report about the baseline itself. */
  warnings: ScanError[];
}

export function readBaseline(text: string, file: string): LoadedBaseline {
  const fingerprints = parseBaseline(text, file);
  const b = JSON.parse(text) as Partial<Baseline>;
  if (b.salt !== undefined && (typeof b.salt !== 'string' || !/^[0-9a-f]{64}$/.test(b.salt))) {
    throw new BaselineError(`${file}: salt must be 64 hex digits (recreate the baseline with \`redpen baseline create\`)`);
  }
  const warnings: ScanError[] = [];
  const secrets = (b.entries ?? []).filter((e) => typeof e?.ruleId === 'string' && e.ruleId.startsWith('secrets.')).length;
  if (!b.salt && secrets > 0) {
    // secret fingerprints were unkeyed hashes then: they cannot match, so those secrets show again
    warnings.push({
      path: file,
      kind: 'unsupported',
      level: 'warning',
      message: `${secrets} secret entr${secrets === 1 ? 'y' : 'ies'} of this baseline predate keyed secret fingerprints and no longer match, so those secrets are reported again; recreate it with \`redpen baseline create\``,
    });
  }
  return { fingerprints, secretKey: b.salt, warnings };
}

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
