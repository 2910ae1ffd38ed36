/**
 * Every pattern-based detector in the table can actually fire: a string generated from its
 * own pattern (random characters where the pattern has classes) goes through the whole
 * engine (keyword scan, anchoring, group extraction, entropy and placeholder filters,
 * overlaps) and must come out as that detector. Catches keywords that do not start the
 * match, wrong secret groups, and filters that reject every real value.
 */
import { describe, expect, it } from 'vitest';
import { SecretEngine } from '../../src/secrets/engine.js';
import { PROVIDER_SPECS } from '../../src/secrets/providers/index.js';
import { rand, reseed } from './fakes.js';

const PRINTABLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Characters a [class] admits (ASCII printable), for the small regex dialect of the table. */
function classChars(body: string): string {
  let negate = false;
  let i = 0;
  if (body[0] === '^') {
    negate = true;
    i = 1;
  }
  const set = new Set<string>();
  const add = (c: string) => set.add(c);
  while (i < body.length) {
    let c = body[i];
    if (c === '\\') {
      const e = body[i + 1];
      i += 2;
      if (e === 'd') for (const x of '0123456789') add(x);
      else if (e === 'w') for (const x of `${PRINTABLE}_`) add(x);
      else if (e === 's') add(' ');
      else if (e === 'r') add('\r');
      else if (e === 'n') add('\n');
      else add(e);
      continue;
    }
    if (body[i + 1] === '-' && i + 2 < body.length && body[i + 2] !== ']') {
      let end = body[i + 2];
      let skip = 3;
      if (end === '\\') {
        end = body[i + 3];
        skip = 4;
      }
      for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) add(String.fromCharCode(x));
      i += skip;
      continue;
    }
    add(c);
    i++;
    c = '';
  }
  if (!negate) return [...set].join('');
  return [...PRINTABLE].filter((c) => !set.has(c)).join('');
}

/** One string the pattern matches: first alternatives, lazy quantifiers at their minimum. */
function sample(source: string): string {
  let pos = 0;
  const parseAlt = (): string => {
    const branches: string[] = [parseSeq()];
    while (source[pos] === '|') {
      pos++;
      branches.push(parseSeq());
    }
    return branches[0];
  };
  const parseSeq = (): string => {
    let out = '';
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      let atom: () => string;
      const c = source[pos];
      if (c === '(') {
        pos++;
        let look = false;
        if (source[pos] === '?') {
          const m = /^\?(:|=|!|<=|<!)/.exec(source.slice(pos))!;
          look = m[1] !== ':';
          pos += m[0].length;
        }
        const start = pos;
        const inner = parseAlt();
        pos++; // ')'
        const src = source.slice(start, pos - 1);
        atom = look ? () => '' : (() => {
          let first = true;
          return () => {
            if (first) {
              first = false;
              return inner;
            }
            const save = pos;
            pos = 0;
            const again = sampleOf(src);
            pos = save;
            return again;
          };
        })();
      } else if (c === '[') {
        let j = pos + 1;
        if (source[j] === '^') j++;
        if (source[j] === ']') j++;
        while (source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
        const chars = classChars(source.slice(pos + 1, j));
        pos = j + 1;
        atom = () => rand(1, chars);
      } else if (c === '\\') {
        const e = source[pos + 1];
        pos += 2;
        const lit = e === 'n' ? '\n' : e === 'r' ? '' : e === 't' ? '\t' : e;
        atom = e === 'd' ? () => rand(1, '0123456789') : e === 'w' ? () => rand(1, PRINTABLE) : e === 's' ? () => ' ' : () => lit;
      } else if (c === '^' || c === '$') {
        pos++;
        continue;
      } else {
        pos++;
        atom = () => c;
      }
      let min = 1;
      let max = 1;
      const q = /^(?:\{(\d+)(?:,(\d*))?\}|\?)/.exec(source.slice(pos));
      if (q) {
        if (q[0] === '?') {
          min = 0;
          max = 1;
        } else {
          min = Number(q[1]);
          max = q[2] === undefined ? min : Number(q[2]);
        }
        pos += q[0].length;
      }
      let lazy = false;
      if (source[pos] === '?') {
        lazy = true;
        pos++;
      }
      const n = lazy || max === 1 ? min || (q?.[0] === '?' ? 1 : 0) : max;
      for (let k = 0; k < Math.max(n, q ? n : 1); k++) out += atom();
    }
    return out;
  };
  const sampleOf = (src: string) => sample(src);
  return parseAlt();
}

const engine = new SecretEngine();
/** Detectors whose own random sample cannot pass: a checksum or decoding must hold. */
const structured = PROVIDER_SPECS.filter((s) => s.regex && !s.validate);

describe('every table entry can fire', () => {
  it.each(structured.map((s, i) => [s.id, i] as const))('%s', (id, i) => {
    const spec = structured[i];
    reseed(1000 + i);
    const text = `${sample(spec.regex!.source)}\n`;
    const found = engine.scan({ text, path: 'sample.txt' }).map((r) => r.spec.id);
    expect(found, JSON.stringify(text)).toContain(id);
  });
});
