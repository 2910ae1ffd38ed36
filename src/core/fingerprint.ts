/**
 * Fingerprints that survive line shifts: they hash the rule, the path and the matched code
 * with whitespace collapsed (never line numbers), plus the occurrence index among identical
 * matches in the file. Secrets hash the secret's keyed fingerprint, never the secret; matched
 * code comes redacted (a secret inside it counts by its fingerprint).
 */
import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

export function normaliseCode(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Assign `fingerprint` to every finding of one file (findings in document order). */
export function assignFingerprints(findings: Finding[], matchedText: (f: Finding) => string): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const content = f.secret ? `secret:${f.secret.fingerprint}` : f.dependency ? `dep:${f.dependency.ecosystem}:${f.dependency.name}:${f.dependency.version ?? ''}` : normaliseCode(matchedText(f));
    const key = `${f.ruleId}\u0000${f.location.path}\u0000${content}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  }
}
