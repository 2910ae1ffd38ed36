/**
 * Builders for the two shapes most provider formats take, so each table entry stays one line:
 * a token with a fixed prefix, and a bare value recognisable only by the name it is assigned to.
 */
import type { Confidence, Severity } from '../../core/types.js';
import type { Family, SecretSpec } from '../types.js';

export function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

type Extra = Partial<Omit<SecretSpec, 'id' | 'name' | 'family' | 'keywords' | 'regex'>> & {
  /** Characters that may not follow the token (default: letters, digits, `_`, `-`). */
  tail?: string;
  /** Case-insensitive body. */
  ci?: boolean;
};

/**
 * A token that starts with a distinctive prefix: `prefixed('npm', 'npm access token', 'code-hosting',
 * 'npm_', '[A-Za-z0-9]{36}')`. The prefix is the keyword; the match is anchored at it.
 */
export function prefixed(id: string, name: string, family: Family, prefix: string | string[], body: string, severity: Severity, extra: Extra = {}): SecretSpec {
  const prefixes = Array.isArray(prefix) ? prefix : [prefix];
  const { tail, ci, ...rest } = extra;
  const alt = prefixes.map(esc).join('|');
  const regex = new RegExp(`(?:${alt})${body}(?![${tail ?? 'A-Za-z0-9_\\-'}])`, ci ? 'i' : '');
  return {
    id,
    name,
    family,
    keywords: prefixes.map((p) => p.toLowerCase()),
    prefixes,
    regex,
    boundary: true,
    severity,
    confidence: 'high',
    ...rest,
  };
}

/** The separator between a name and its value in code and config: `=`, `:`, `:=`, `=>`, `,`. */
export const ASSIGN = `[\\w.\\-]{0,32}?["'\\]]{0,2}\\s{0,3}(?::=|=>|=|:|,|\\()\\s{0,3}["'\`]?`;

/**
 * A value with no prefix of its own, recognised by a provider word in the name it is assigned
 * to: `TWILIO_AUTH_TOKEN = "<32 hex>"`. The keyword starts the match; the value is group 1.
 */
export function contextual(id: string, name: string, family: Family, words: string[], value: string, severity: Severity, extra: Extra & { confidence?: Confidence } = {}): SecretSpec {
  const { tail, ci: _ci, ...rest } = extra;
  const regex = new RegExp(`(?:${words.map(esc).join('|')})${ASSIGN}(${value})(?![${tail ?? 'A-Za-z0-9_+/=\\-'}])`, 'i');
  return {
    id,
    name,
    family,
    keywords: words.map((w) => w.toLowerCase()),
    regex,
    severity,
    confidence: 'medium',
    minEntropy: 3,
    ...rest,
  };
}

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const HEX = (n: number | string) => `[0-9a-f]{${n}}`;
export const ALNUM = (n: number | string) => `[A-Za-z0-9]{${n}}`;
