/**
 * Finding secrets in one document, in one pass plus bounded local work:
 *
 *   keyword scan (Aho-Corasick, every spec's keywords at once)
 *     -> each spec's pattern tried only at its keyword hits (sticky) or in a bounded window
 *     -> structure checks, entropy, placeholders
 *     -> generic context: syntax tree (Python/JS/TS) or key=value lines (everything else)
 *     -> overlaps resolved (a checksummed provider token beats a generic "password")
 *
 * Invariant: raw values stay inside this module and findings.ts; only redacted forms leave.
 */
import type { Tree } from '../core/ast.js';
import { astGeneric, stringSpans } from './ast-generic.js';
import { GENERIC_KEYWORDS, textGeneric, unquotedAllowed } from './generic.js';
import { KeywordIndex } from './keywords.js';
import { isPlaceholder } from './placeholders.js';
import { PROVIDER_SPECS } from './providers/index.js';
import type { RawSecret, SecretSpec } from './types.js';
import { shannonEntropy } from './validators.js';

interface Compiled {
  spec: SecretSpec;
  sticky?: RegExp;
  windowed?: RegExp;
  priority: number;
}

const WORD = /[A-Za-z0-9_]/;
/** A string literal worth judging: six or more characters without spaces. */
const LITERAL = /["'`][^"'`\s]{6,}["'`]/;
/** Calls whose positional arguments are credentials (see ast-generic.ts). */
const CREDENTIAL_CALL = /jwt\.|hmac|Hmac|Cipheriv|Fernet|AES\.new|HTTPBasicAuth|HTTPDigestAuth|BasicAuth|\.login\(|bind_s\(|FTP(_TLS)?\(|Sequelize\(|\.connect\(/;

export interface EngineInput {
  text: string;
  path: string;
  tree?: Tree;
  /** Unquoted `key=value` values count (config files, notebook outputs, prose). */
  configLike?: boolean;
}

export class SecretEngine {
  private compiled: Compiled[];
  private index: KeywordIndex;
  /** keyword id -> indexes into `compiled`; -1 marks a generic keyword. */
  private byKeyword: number[][];

  constructor(specs: readonly SecretSpec[] = PROVIDER_SPECS) {
    this.compiled = specs.map((spec) => {
      const c: Compiled = { spec, priority: spec.priority ?? (spec.structural ? 4 : spec.boundary ? 3 : 2) };
      if (spec.regex) {
        const flags = spec.regex.flags.replace(/[gyd]/g, '');
        if (spec.before !== undefined) c.windowed = new RegExp(spec.regex.source, `${flags}gd`);
        else c.sticky = new RegExp(spec.regex.source, `${flags}yd`);
      }
      return c;
    });
    const keywords: string[] = [];
    const ids = new Map<string, number>();
    this.byKeyword = [];
    const add = (kw: string, target: number) => {
      let id = ids.get(kw);
      if (id === undefined) {
        id = keywords.length;
        ids.set(kw, id);
        keywords.push(kw);
        this.byKeyword.push([]);
      }
      if (!this.byKeyword[id].includes(target)) this.byKeyword[id].push(target);
    };
    this.compiled.forEach((c, i) => c.spec.keywords.forEach((k) => add(k.toLowerCase(), i)));
    for (const k of GENERIC_KEYWORDS) add(k, -1);
    this.index = new KeywordIndex(keywords);
  }

  get specs(): SecretSpec[] {
    return this.compiled.map((c) => c.spec);
  }

  /** Keyword hits of the last document, reused when the same text is scanned next. */
  private last: { text: string; hits: Map<number, number[]> } | null = null;

  private hitsOf(text: string): Map<number, number[]> {
    if (this.last?.text === text) return this.last.hits;
    const hits = this.index.scan(text);
    this.last = { text, hits };
    return hits;
  }

  /**
   * Whether the syntax tree could add a generic finding: a secret-ish word on a line with a
   * string literal, or a call whose positional argument is a credential. Most files have
   * neither, so a secrets-only scan parses few of them.
   */
  wantsTree(text: string): boolean {
    if (minified(text)) return false;
    if (CREDENTIAL_CALL.test(text)) return true;
    for (const [kw, positions] of this.hitsOf(text)) {
      if (!this.byKeyword[kw].includes(-1)) continue;
      for (const p of positions) {
        const ls = text.lastIndexOf('\n', p) + 1;
        let le = text.indexOf('\n', p);
        if (le === -1) le = text.length;
        if (le - ls <= 4000 && LITERAL.test(text.slice(ls, le))) return true;
      }
    }
    return false;
  }

  scan(input: EngineInput): RawSecret[] {
    const { text } = input;
    if (text.length === 0) return [];
    const hits = this.hitsOf(text);
    const perSpec = new Map<number, number[]>();
    const generic: number[] = [];
    for (const [kw, positions] of hits) {
      for (const target of this.byKeyword[kw]) {
        if (target === -1) {
          for (const p of positions) generic.push(p);
          continue;
        }
        const list = perSpec.get(target);
        if (list) for (const p of positions) list.push(p);
        else perSpec.set(target, positions.slice());
      }
    }
    const found: RawSecret[] = [];
    for (const [i, positions] of perSpec) {
      positions.sort((a, b) => a - b);
      this.runSpec(this.compiled[i], text, positions, found);
    }
    generic.sort((a, b) => a - b);
    // minified bundles: names are mangled and every line is code, so only formats count
    if (minified(text)) return resolveOverlaps(found.filter(plausible));
    if (input.tree) {
      found.push(...astGeneric(input.tree));
      // key=value inside string literals: DSNs, headers, embedded config
      if (generic.length > 0) {
        for (const s of stringSpans(input.tree)) found.push(...textGeneric(text, generic, true, s.start, s.end));
      }
    } else if (generic.length > 0) {
      found.push(...textGeneric(text, generic, input.configLike ?? unquotedAllowed(input.path)));
    }
    return resolveOverlaps(found.filter(plausible));
  }

  private runSpec(c: Compiled, text: string, hits: number[], out: RawSecret[]): void {
    const { spec } = c;
    if (spec.find) {
      for (const r of spec.find({ text, hits })) {
        if (!isPlaceholder(r.value) && !/EXAMPLE/.test(r.value)) out.push({ priority: c.priority, ...r });
      }
      return;
    }
    if (c.sticky) {
      const re = c.sticky;
      let last = -1;
      for (const h of hits) {
        if (h === last) continue;
        last = h;
        if (spec.boundary && h > 0 && WORD.test(text[h - 1])) continue;
        re.lastIndex = h;
        const m = re.exec(text);
        if (m) this.accept(c, m, 0, out);
      }
      return;
    }
    if (c.windowed) {
      const before = spec.before ?? 0;
      const after = spec.after ?? 400;
      const re = c.windowed;
      const seen = new Set<number>();
      let i = 0;
      while (i < hits.length) {
        // merge overlapping windows so each character is searched once
        let ws = Math.max(0, hits[i] - before);
        let we = Math.min(text.length, hits[i] + after);
        while (i + 1 < hits.length && hits[i + 1] - before <= we) {
          i++;
          we = Math.min(text.length, hits[i] + after);
        }
        i++;
        // a few characters of context so look-behinds see what precedes the window
        const base = Math.max(0, ws - 8);
        ws = base;
        const slice = text.slice(base, we);
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(slice))) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          if (m.index === 0 && base > 0) continue;
          if (seen.has(base + m.index)) continue;
          seen.add(base + m.index);
          this.accept(c, m, base, out);
        }
      }
    }
  }

  private accept(c: Compiled, m: RegExpExecArray, base: number, out: RawSecret[]): void {
    const { spec } = c;
    const g = m.length > 1 && m[1] !== undefined ? 1 : 0;
    const value = m[g];
    const [s, e] = m.indices![g]!;
    let validated: boolean | undefined;
    if (spec.validate) {
      if (!spec.validate(value, m[0])) return;
      if (spec.structural) validated = true;
    }
    const minEntropy = spec.minEntropy ?? (spec.structural ? 0 : 2.5);
    if (minEntropy > 0 && shannonEntropy(value) < minEntropy) return;
    if (isPlaceholder(value) || /EXAMPLE/.test(m[0])) return;
    out.push({ spec, start: base + s, end: base + e, value, validated, priority: Math.max(c.priority, validated ? 4 : 0) });
  }
}

function minified(text: string): boolean {
  if (text.length < 2000) return false;
  let newlines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && newlines < 64; i = text.indexOf('\n', i + 1)) newlines++;
  return text.length / (newlines + 1) > 500;
}

/** Provider matches are checked in accept(); generic ones in judge(). Both skip placeholders. */
function plausible(r: RawSecret): boolean {
  return r.end > r.start && r.value.length > 0;
}

/** Where matches overlap, keep the most specific (priority, then validated, then longer). */
export function resolveOverlaps(found: RawSecret[]): RawSecret[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawSecret[] = [];
  const better = (a: RawSecret, b: RawSecret) => {
    const pa = a.priority ?? 0;
    const pb = b.priority ?? 0;
    if (pa !== pb) return pa > pb;
    if (Boolean(a.validated) !== Boolean(b.validated)) return Boolean(a.validated);
    return a.end - a.start > b.end - b.start;
  };
  for (const r of found) {
    // kept is sorted by start; an overlap is a recent entry or a long one (PEM block)
    const overlapping: number[] = [];
    for (let i = kept.length - 1; i >= 0 && kept.length - i <= 16; i--) if (kept[i].end > r.start) overlapping.push(i);
    if (overlapping.every((i) => better(r, kept[i]))) {
      for (const i of overlapping) kept.splice(i, 1);
      kept.push(r);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}
