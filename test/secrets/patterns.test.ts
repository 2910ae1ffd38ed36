import { describe, expect, it } from 'vitest';
import { LINE_PATTERNS } from '../../src/secrets/generic.js';
import { PROVIDER_SPECS } from '../../src/secrets/providers/index.js';
import { SecretEngine } from '../../src/secrets/engine.js';
import { lintRegex } from '../hardening/regex-lint.js';

/**
 * The linear-time argument (src/secrets/types.ts) rests on two properties of every pattern:
 * no unbounded quantifier (*, +, {n,}) and no quantified group that itself contains a
 * quantifier. The lint (shared with the hardening tests, which apply it to every detector
 * regex) checks both on the pattern source.
 */
const lint = (source: string) => lintRegex(source);

describe('linear-time patterns', () => {
  it('the lint catches what it should', () => {
    expect(lint('a+')).not.toEqual([]);
    expect(lint('(?:ab{1,3}){2,5}')).not.toEqual([]);
    expect(lint('[a-z]{1,40}x')).toEqual([]);
    expect(lint('(?:abc)?[0-9]{2}')).toEqual([]);
    expect(lint('[*+]{1,3}')).toEqual([]);
  });

  it.each(PROVIDER_SPECS.filter((s) => s.regex).map((s) => [s.id, s.regex!.source]))('%s has only bounded, unnested quantifiers', (_id, source) => {
    expect(lint(source)).toEqual([]);
  });

  it('the line patterns of generic detection too', () => {
    for (const re of LINE_PATTERNS) expect(lint(re.source), re.source).toEqual([]);
  });

  it('finishes on adversarial input (keyword floods, long near-misses)', () => {
    const engine = new SecretEngine();
    const flood = 'ghp_'.repeat(20_000) + 'sk-proj-'.repeat(10_000) + `password=${'a'.repeat(50_000)}\n` + '-----BEGIN PRIVATE KEY-----'.repeat(2_000) + 'postgres://u:'.repeat(5_000);
    // a super-linear blowup would hang here until the test timeout; nothing in it is a secret
    expect(engine.scan({ text: flood, path: 'flood.env' })).toEqual([]);
  });
});
