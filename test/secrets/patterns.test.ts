import { describe, expect, it } from 'vitest';
import { LINE_PATTERNS } from '../../src/secrets/generic.js';
import { PROVIDER_SPECS } from '../../src/secrets/providers/index.js';
import { SecretEngine } from '../../src/secrets/engine.js';

/**
 * The linear-time argument (src/secrets/types.ts) rests on two properties of every pattern:
 * no unbounded quantifier (*, +, {n,}) and no quantified group that itself contains a
 * quantifier. This lint checks both on the pattern source.
 */
function lint(source: string): string[] {
  const problems: string[] = [];
  const groups: { hasQuant: boolean }[] = [];
  let i = 0;
  let inClass = false;
  const quantAt = (j: number): { len: number; max: number } | null => {
    const c = source[j];
    if (c === '*' || c === '+') return { len: 1, max: Infinity };
    if (c === '?') return { len: 1, max: 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return null;
      return { len: m[0].length, max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    }
    return null;
  };
  const afterAtom = (j: number, wasGroup: { hasQuant: boolean } | null): number => {
    const q = quantAt(j);
    if (!q) return j;
    if (q.max === Infinity) problems.push(`unbounded quantifier at ${j}`);
    if (wasGroup?.hasQuant && q.max > 1) problems.push(`nested quantifier at ${j}`);
    if (groups.length) groups[groups.length - 1].hasQuant = true;
    let k = j + q.len;
    if (source[k] === '?') k++;
    return k;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i = afterAtom(i + 2, null);
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        i = afterAtom(i + 1, null);
      } else i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      continue;
    }
    if (c === '(') {
      groups.push({ hasQuant: false });
      i++;
      if (source[i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z]\w*>)/.exec(source.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    if (c === ')') {
      const g = groups.pop()!;
      const k = afterAtom(i + 1, g);
      if (g.hasQuant && groups.length) groups[groups.length - 1].hasQuant = true;
      i = k;
      continue;
    }
    i = afterAtom(i + 1, null);
  }
  return problems;
}

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
