/**
 * Secret detectors are data: one SecretSpec per kind of credential. Adding a provider is one
 * entry in a table under providers/.
 *
 * Linear time by construction: a spec's pattern is only ever tried at the positions where one
 * of its keywords occurs (found in one pass, see keywords.ts), anchored there with the sticky
 * flag or confined to a bounded window around the keyword, and patterns may not use unbounded
 * quantifiers or nested quantified groups (test/secrets/patterns.test.ts lints every entry).
 * So each attempt reads at most a fixed number of characters and the whole scan is linear in
 * the input.
 */
import type { Confidence, Severity } from '../core/types.js';

export type Family = 'cloud' | 'code-hosting' | 'ai' | 'payments' | 'messaging' | 'database' | 'private-key' | 'saas' | 'generic';

export const FAMILIES: readonly Family[] = ['cloud', 'code-hosting', 'ai', 'payments', 'messaging', 'database', 'private-key', 'saas', 'generic'];

/** A secret found in a document: its span and value (never leaves the secrets module whole). */
export interface RawSecret {
  spec: SecretSpec;
  /** Span of the secret value in the document. */
  start: number;
  end: number;
  value: string;
  validated?: boolean;
  severity?: Severity;
  confidence?: Confidence;
  /** Why it was reported, for the message ("assigned to `db_password`"). */
  context?: string;
  /** Overlap tie-breaker: higher wins (checksummed > prefixed > context > generic). */
  priority?: number;
}

export interface FindContext {
  text: string;
  /** Start offsets of this spec's keywords in the text, ascending. */
  hits: number[];
}

export interface SecretSpec {
  /** Detector id; the finding's rule id is `secrets.<id>`. */
  id: string;
  /** Human name, e.g. "GitHub personal access token". */
  name: string;
  family: Family;
  /** Lower-case literals, one of which occurs in (or right before) every match: the prefilter. */
  keywords: string[];
  /** The literal prefixes a token of this format starts with, as written (redact.ts hides them in any text). */
  prefixes?: string[];
  /**
   * Bounded pattern. The secret is the group named `s`, else group 1, else the whole match.
   * Tried at each keyword position (sticky) unless `before` is set, in which case it is
   * searched in the window [hit - before, hit + after].
   */
  regex?: RegExp;
  before?: number;
  after?: number;
  /** The character before a keyword hit must not be a letter, digit or `_` (token prefixes). */
  boundary?: boolean;
  /** Formats one pattern cannot express (PEM blocks, JSON key files, pairs). */
  find?: (ctx: FindContext) => RawSecret[];
  /** Structure check on the secret (and the whole match). */
  validate?: (secret: string, match: string) => boolean;
  /** `validate` is a checksum or a decoding: a pass is reported as SecretInfo.validated. */
  structural?: boolean;
  /** Minimum Shannon entropy (bits per character) of the secret; default 2.5 unless structural. */
  minEntropy?: number;
  severity: Severity;
  confidence: Confidence;
  /** Overrides the overlap priority (default: 4 checksummed, 3 prefixed, 2 by name). */
  priority?: number;
  /** Where and how to revoke it, for the message. */
  revoke?: string;
}
