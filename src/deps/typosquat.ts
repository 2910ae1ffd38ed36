/**
 * Popular packages and names that resemble them. A typosquat is a name one slip away from a
 * package people mean to install: an edit (insert, delete, substitute), two swapped letters,
 * a changed or dropped separator, a lookalike character, a `python-`/`-js` style affix, or a
 * scope written as a prefix. Names in the popular lists themselves are never flagged.
 *
 * The lists ship in data/popular (see its README for the source).
 */
import fs from 'node:fs';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { PACKAGE_ROOT } from '../config/rules.js';
import { normalizeName } from './names.js';
import type { Ecosystem } from './types.js';

interface PopularEntry {
  name: string;
  /** 1 = most popular. */
  rank: number;
}

/** Only this many of the most popular names are compared by edit distance (fewer false alarms). */
const EDIT_TARGETS = 5000;
/** Shorter names are compared by edit distance only when the slip is a transposition. */
const MIN_EDIT_LENGTH = 5;

export class PopularIndex {
  private byName = new Map<string, PopularEntry>();
  private bySkeleton = new Map<string, PopularEntry>();
  private bySepless = new Map<string, PopularEntry>();
  private byLength = new Map<number, PopularEntry[]>();

  constructor(
    readonly ecosystem: Ecosystem,
    names: string[],
  ) {
    names.forEach((name, i) => {
      const e: PopularEntry = { name, rank: i + 1 };
      const n = normalizeName(ecosystem, name);
      if (this.byName.has(n)) return;
      this.byName.set(n, e);
      const sk = skeleton(n);
      if (!this.bySkeleton.has(sk)) this.bySkeleton.set(sk, e);
      const sl = sepless(n);
      if (!this.bySepless.has(sl)) this.bySepless.set(sl, e);
      if (i < EDIT_TARGETS) {
        const list = this.byLength.get(n.length) ?? [];
        list.push(e);
        this.byLength.set(n.length, list);
      }
    });
  }

  get size(): number {
    return this.byName.size;
  }

  rank(name: string): number | undefined {
    return this.byName.get(normalizeName(this.ecosystem, name))?.rank;
  }

  /** The popular package a name resembles, and how; null when it is popular itself or resembles none. */
  resemble(name: string): { popular: string; how: string } | null {
    const n = normalizeName(this.ecosystem, name);
    if (this.byName.has(n)) return null;
    const hit = (e: PopularEntry | undefined, how: string) => (e && normalizeName(this.ecosystem, e.name) !== n ? { popular: e.name, how } : null);
    const sk = skeleton(n);
    if (sk !== n) {
      const r = hit(this.bySkeleton.get(sk), 'uses lookalike characters for');
      if (r) return r;
    }
    const bySep = hit(this.bySepless.get(sepless(n)), 'differs only in separators from');
    if (bySep) return bySep;
    for (const [stripped, how] of affixVariants(n, this.ecosystem)) {
      const r = hit(this.byName.get(stripped), how);
      if (r) return r;
    }
    if (this.ecosystem === 'npm') {
      const scoped = scopeVariants(n);
      for (const v of scoped) {
        const r = hit(this.byName.get(v), 'confuses a scope with a name prefix of');
        if (r) return r;
      }
    }
    let best: PopularEntry | null = null;
    let bestHow = '';
    for (let len = n.length - 1; len <= n.length + 1; len++) {
      for (const e of this.byLength.get(len) ?? []) {
        if (best && e.rank > best.rank) break; // lists are in rank order
        const p = normalizeName(this.ecosystem, e.name);
        if (isTransposition(n, p)) {
          if (!best || e.rank < best.rank) [best, bestHow] = [e, 'swaps two adjacent letters of'];
        } else if (n.length >= MIN_EDIT_LENGTH && p.length >= MIN_EDIT_LENGTH && distance(n, p) === 1) {
          if (!best || e.rank < best.rank) [best, bestHow] = [e, 'is one letter away from'];
        }
      }
    }
    return best ? { popular: best.name, how: bestHow } : null;
  }
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Lookalikes folded to one form: Cyrillic and Greek letters, digits that read as letters, `rn`/`vv`. */
const CONFUSABLE: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ԁ: 'd', ѕ: 's', һ: 'h', ӏ: 'l', ɡ: 'g', ı: 'i',
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', τ: 't', κ: 'k', ι: 'i',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '7': 't', '|': 'l',
};

export function skeleton(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) out += CONFUSABLE[ch] ?? ch;
  return out.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/i/g, 'l');
}

function sepless(s: string): string {
  return s.replace(/[-_.]/g, '');
}

function affixVariants(n: string, ecosystem: Ecosystem): [string, string][] {
  const out: [string, string][] = [];
  const pre = ecosystem === 'PyPI' ? ['python-', 'py-', 'python', 'py'] : ['node-', 'js-', 'node', 'nodejs-'];
  const suf = ecosystem === 'PyPI' ? ['-python', '-py', '-py3', '3', '-lib'] : ['-js', '.js', 'js', '-node', '-nodejs', '-npm', '-lib'];
  // a package of the other ecosystem's naming style, too: `requests-js`, `python-lodash` are not popular names
  for (const p of pre) if (n.startsWith(p) && n.length > p.length + 2) out.push([n.slice(p.length), `adds the prefix "${p}" to`]);
  for (const s of suf) if (n.endsWith(s) && n.length > s.length + 2) out.push([n.slice(0, -s.length), `adds the suffix "${s}" to`]);
  return out;
}

/** `babel-core` <-> `@babel/core`, `@types-node` -> `@types/node`. */
function scopeVariants(n: string): string[] {
  const out: string[] = [];
  const m = /^@([^/]+)\/(.+)$/.exec(n);
  if (m) out.push(`${m[1]}-${m[2]}`, `${m[1]}${m[2]}`);
  else {
    const dash = n.startsWith('@') ? n.slice(1) : n;
    for (let i = dash.indexOf('-'); i > 0; i = dash.indexOf('-', i + 1)) out.push(`@${dash.slice(0, i)}/${dash.slice(i + 1)}`);
  }
  return out;
}

const indexes = new Map<Ecosystem, PopularIndex>();

/** The shipped popularity list of an ecosystem (loaded once). */
export function popularIndex(ecosystem: Ecosystem, dataDir = path.join(PACKAGE_ROOT, 'data', 'popular')): PopularIndex {
  let idx = indexes.get(ecosystem);
  if (!idx) {
    const file = path.join(dataDir, ecosystem === 'npm' ? 'npm-top20000.tsv' : 'pypi-top15000.tsv');
    const names = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.split('\t')[0].trim()).filter(Boolean);
    idx = new PopularIndex(ecosystem, names);
    indexes.set(ecosystem, idx);
  }
  return idx;
}
