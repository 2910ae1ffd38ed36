/**
 * Evaluation of Semgrep formulas over one file, by ranges (as Semgrep's own engine does).
 *
 * `patterns` (conjunction): positive terms intersect by equal range, `pattern-inside` keeps
 * ranges within one of its ranges, `pattern-not` removes equal ranges and `pattern-not-inside`
 * contained ones (both only where shared metavariables agree), then metavariable conditions
 * filter, then `focus-metavariable` narrows. `pattern-either` is a union.
 */
import { LineIndex, Node as AstNode, type Node, type Tree } from '../core/ast.js';
import type { FormulaItem, FormulaSpec } from '../core/rule.js';
import type { LanguageId } from '../core/types.js';
import { languageById, languageForName } from '../languages/index.js';
import { isLoaded, parseText } from '../languages/treesitter.js';
import { ComparisonError, evaluate, parseComparison, parseIntLiteral, type Value } from './comparison.js';
import { compilePattern, PatternError, type CompiledPattern } from './pattern/compile.js';
import { RuleRegex } from './regex.js';
import { findMatches, lookup, MatchContext, sameCode, typeMatches, type Binding, type Env } from './pattern/match.js';

export interface Range {
  start: number;
  end: number;
  env: Env;
  node?: Node;
  /** Narrowed by focus-metavariable to a metavariable's code (not the whole match). */
  focused?: boolean;
}

/** One file as the engine sees it. */
export interface Doc {
  path: string;
  text: string;
  lines: LineIndex;
  tree?: Tree;
  ctx?: MatchContext;
  words?: Set<string>;
}

export type CFormula =
  | { k: 'pattern'; pats: Map<LanguageId, CompiledPattern> }
  | { k: 'regex'; re: RuleRegex }
  | { k: 'either'; children: CFormula[]; insideOnly: boolean }
  | { k: 'lang'; languages: LanguageId[]; inner: CFormula | null }
  | {
      k: 'all';
      positives: CFormula[];
      insides: CFormula[];
      nots: CFormula[];
      notInsides: CFormula[];
      notRegex: RuleRegex[];
      conds: CCond[];
      focus: string[][];
    };

type CCond =
  | { k: 'regex'; mv: string; re: RuleRegex; constantPropagation: boolean }
  | { k: 'pattern'; mv: string; formula: CFormula; language: LanguageId | 'regex' | null }
  | { k: 'comparison'; expr: ReturnType<typeof parseComparison>; base?: number; strip: boolean; source: string }
  | { k: 'entropy'; mv: string }
  | { k: 'redos'; mv: string; exponentialOnly: boolean; anchor?: 'start' | 'full' }
  | { k: 'type'; mv: string; types: string[] };

export class FormulaCompileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Compile a formula for the given languages. Grammars must be loaded. */
export function compileFormula(spec: FormulaSpec, languages: LanguageId[]): CFormula {
  switch (spec.kind) {
    case 'pattern': {
      const pats = new Map<LanguageId, CompiledPattern>();
      let firstError: Error | null = null;
      for (const lang of languages) {
        try {
          pats.set(lang, compilePattern(spec.pattern, lang));
        } catch (e) {
          if (!(e instanceof PatternError)) throw e;
          firstError ??= e;
        }
      }
      if (pats.size === 0) {
        throw new FormulaCompileError(`${firstError?.message ?? 'cannot parse pattern'}\n  pattern: ${spec.pattern.trim().split('\n').join('\n           ')}`, spec.line);
      }
      return { k: 'pattern', pats };
    }
    case 'regex':
      return { k: 'regex', re: regexFor(spec.regex) };
    case 'either': {
      const children = spec.children.map((c) => compileFormula(c, languages));
      const insideOnly = children.every((c) => c.k === 'all' && c.positives.length === 0 && c.insides.length > 0);
      return { k: 'either', children, insideOnly };
    }
    case 'lang': {
      const langs = languages.filter((l) => spec.languages.includes(l));
      return { k: 'lang', languages: langs, inner: langs.length > 0 ? compileFormula(spec.formula, langs) : null };
    }
    case 'all': {
      const f: Extract<CFormula, { k: 'all' }> = {
        k: 'all', positives: [], insides: [], nots: [], notInsides: [], notRegex: [], conds: [], focus: [],
      };
      for (const item of spec.items) compileItem(item, languages, f);
      return f;
    }
  }
}

/** pattern-regex and pattern-not-regex: `^` and `$` at line ends, as Semgrep's. */
function regexFor(src: string): RuleRegex {
  return RuleRegex.compile(src, { flags: 'm' });
}

function compileItem(item: FormulaItem, languages: LanguageId[], f: Extract<CFormula, { k: 'all' }>): void {
  switch (item.kind) {
    case 'positive': {
      const c = compileFormula(item.formula, languages);
      if (c.k === 'either' && c.insideOnly) f.insides.push(c);
      else f.positives.push(c);
      return;
    }
    case 'inside':
      f.insides.push(compileFormula(item.formula, languages));
      return;
    case 'not':
      f.nots.push(compileFormula(item.formula, languages));
      return;
    case 'not-inside':
      f.notInsides.push(compileFormula(item.formula, languages));
      return;
    case 'not-regex':
      f.notRegex.push(regexFor(item.regex));
      return;
    case 'focus':
      f.focus.push(item.metavariables);
      return;
    case 'metavariable-regex':
      f.conds.push({ k: 'regex', mv: item.metavariable, re: anchored(item.regex), constantPropagation: item.constantPropagation });
      return;
    case 'metavariable-pattern': {
      let language: LanguageId | 'regex' | null = null;
      if (item.language) {
        const l = item.language.toLowerCase();
        if (l === 'regex' || l === 'generic' || l === 'none') language = 'regex';
        else {
          language = languageForName(l);
          if (!language) throw new FormulaCompileError(`metavariable-pattern language \`${item.language}\` is not supported`);
        }
      }
      const langs = language === null ? languages : language === 'regex' ? [] : [language];
      f.conds.push({ k: 'pattern', mv: item.metavariable, formula: compileFormula(item.formula, langs), language });
      return;
    }
    case 'metavariable-comparison':
      try {
        f.conds.push({ k: 'comparison', expr: parseComparison(item.comparison), base: item.base, strip: item.strip ?? false, source: item.comparison });
      } catch (e) {
        throw new FormulaCompileError((e as Error).message);
      }
      return;
    case 'metavariable-analysis':
      f.conds.push(item.analyzer === 'entropy' ? { k: 'entropy', mv: item.metavariable } : { k: 'redos', mv: item.metavariable, exponentialOnly: item.complexity === 'exponential', anchor: item.anchor });
      return;
    case 'metavariable-type':
      f.conds.push({ k: 'type', mv: item.metavariable, types: item.types });
  }
}

/** metavariable-regex is anchored at the start of the value, as Semgrep's (Python re.match). */
function anchored(src: string): RuleRegex {
  return RuleRegex.compile(src, { anchored: true });
}

/** Words that must occur in the file for the formula to match (null: no requirement known). */
export function requiredWords(f: CFormula, lang: LanguageId | null): ((words: Set<string>) => boolean) | null {
  switch (f.k) {
    case 'pattern': {
      const p = lang ? f.pats.get(lang) : undefined;
      if (!p) return () => false; // the pattern has no form in this language
      const ws = p.words;
      return ws.length === 0 ? null : (words) => ws.every((w) => words.has(w));
    }
    case 'regex':
      return null;
    case 'lang':
      if (!f.inner || !lang || !f.languages.includes(lang)) return () => false;
      return requiredWords(f.inner, lang);
    case 'either': {
      const parts = f.children.map((c) => requiredWords(c, lang));
      if (parts.some((p) => p === null)) return null;
      return (words) => parts.some((p) => p!(words));
    }
    case 'all': {
      const parts = [...f.positives, ...f.insides].map((c) => requiredWords(c, lang)).filter((p) => p !== null);
      if (parts.length === 0) return null;
      return (words) => parts.every((p) => p!(words));
    }
  }
}

export function wordsOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

export interface Evaluator {
  /** Optional analyzer for metavariable-analysis: redos (only exponential backtracking when asked). */
  redos?: (regex: string, exponentialOnly?: boolean, anchor?: 'start' | 'full') => boolean;
}

export function evalFormula(f: CFormula, doc: Doc, lang: LanguageId | null, hooks: Evaluator = {}, within?: { start: number; end: number }): Range[] {
  switch (f.k) {
    case 'pattern': {
      const pat = lang ? f.pats.get(lang) : undefined;
      if (!pat || !doc.ctx) return [];
      // a pattern cannot match a file that lacks one of its words (cheap, and sound as the
      // rule prefilter: an imported name's canonical path is spelt in the import)
      if (pat.words.length > 0) {
        const words = (doc.words ??= wordsOf(doc.text));
        if (!pat.words.every((w) => words.has(w))) return [];
      }
      const found = findMatches(doc.ctx, pat, within);
      doc.ctx.bind(found.length);
      return found;
    }
    case 'regex':
      return regexRanges(f.re, doc, within);
    case 'lang':
      return f.inner && lang && f.languages.includes(lang) ? evalFormula(f.inner, doc, lang, hooks, within) : [];
    case 'either': {
      const out: Range[] = [];
      for (const c of f.children) out.push(...evalFormula(c, doc, lang, hooks, within));
      return dedupe(doc, out);
    }
    case 'all':
      return evalAll(f, doc, lang, hooks, within);
  }
}

function regexRanges(re: RuleRegex, doc: Doc, within?: { start: number; end: number }): Range[] {
  const out: Range[] = [];
  const text = within ? doc.text.slice(0, within.end) : doc.text;
  for (const m of re.all(text, within?.start ?? 0, 10_000)) {
    let env: Env = null;
    // named groups bind metavariables: (?P<X>...) binds $X
    for (const [name, at] of Object.entries(m.named)) {
      if (at) env = { name: `$${name}`, nodes: [textNode(at[0], at[1], text.slice(at[0], at[1]))], next: env };
    }
    // numbered groups bind $1, $2 ... as Semgrep's do
    m.groups.forEach((at, i) => {
      if (at) env = { name: `$${i + 1}`, nodes: [textNode(at[0], at[1], text.slice(at[0], at[1]))], next: env };
    });
    out.push({ start: m.index, end: m.end, env });
  }
  return out;
}

function textNode(start: number, end: number, text: string): Node {
  const n = new AstNode('regex_capture', start, end);
  n.text = text;
  n.id = -1;
  return n;
}

function compatible(doc: Doc, a: Env, b: Env): boolean {
  for (let x = b; x; x = x.next) {
    const y = lookup(a, x.name);
    if (y && !sameBinding(doc, y, x)) return false;
  }
  return true;
}

function sameBinding(doc: Doc, a: Binding, b: Binding): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x === y) continue;
    if (doc.ctx && x.id >= 0 && y.id >= 0) {
      if (!sameCode(doc.ctx, x, y)) return false;
    } else if (bindingText(doc, [x]) !== bindingText(doc, [y])) return false;
  }
  return true;
}

/** A formula without insides of its own (restricting where it is looked for keeps its meaning). */
function isPlain(f: CFormula): boolean {
  if (f.k === 'pattern' || f.k === 'regex') return true;
  if (f.k === 'either') return f.children.every(isPlain);
  if (f.k === 'lang') return !f.inner || isPlain(f.inner);
  return false;
}

/** The disjoint spans covered by some ranges (within an outer span). */
function mergedSpans(ranges: Range[], within?: { start: number; end: number }): { start: number; end: number }[] {
  const sorted = ranges.map((r) => ({ start: Math.max(r.start, within?.start ?? r.start), end: Math.min(r.end, within?.end ?? r.end) })).filter((r) => r.start < r.end || r.start === r.end).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function spanKey(r: { start: number; end: number }): string {
  return `${r.start}:${r.end}`;
}

/** Ranges by their span, for meeting equal spans without comparing every pair. */
function bySpan(ranges: Range[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  for (const r of ranges) {
    const k = spanKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Ranges sorted by start with a running maximum of ends: the ranges containing a span, fast. */
function containmentIndex(ranges: Range[]): {
  forContaining(m: { start: number; end: number }, f: (r: Range) => void): void;
  someContaining(m: { start: number; end: number }, p: (r: Range) => boolean): boolean;
} {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (let i = 0; i < sorted.length; i++) maxEnd.push(Math.max(sorted[i].end, i > 0 ? maxEnd[i - 1] : -1));
  return {
    forContaining(m, f) {
      // last range starting at or before m
      let lo = 0;
      let hi = sorted.length - 1;
      let idx = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].start <= m.start) {
          idx = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      for (let i = idx; i >= 0 && maxEnd[i] >= m.end; i--) if (sorted[i].end >= m.end) f(sorted[i]);
    },
    someContaining(m, p) {
      let found = false;
      this.forContaining(m, (r) => {
        if (!found && p(r)) found = true;
      });
      return found;
    },
  };
}

function merge(a: Env, b: Env): Env {
  let out = a;
  for (let x = b; x; x = x.next) if (!lookup(out, x.name)) out = { name: x.name, nodes: x.nodes, next: out };
  return out;
}

export function bindingText(doc: Doc, nodes: Node[]): string {
  if (nodes.length === 0) return '';
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  // synthetic nodes (regex captures, canonical import paths) carry their own text
  if (nodes.length === 1 && first.id === -1 && first.text !== null) return first.text;
  return doc.text.slice(first.start, last.end);
}

function envKey(env: Env): string {
  const parts: string[] = [];
  for (let b = env; b; b = b.next) parts.push(`${b.name}@${b.nodes.map((n) => `${n.start}-${n.end}`).join(',')}`);
  return parts.sort().join(';');
}

function dedupe(_doc: Doc, ranges: Range[]): Range[] {
  const seen = new Set<string>();
  const out: Range[] = [];
  for (const r of ranges) {
    const key = `${r.start}:${r.end}|${envKey(r.env)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

function evalAll(f: Extract<CFormula, { k: 'all' }>, doc: Doc, lang: LanguageId | null, hooks: Evaluator, within?: { start: number; end: number }): Range[] {
  let base: Range[];
  let insides = f.insides;
  // insides first: a rule whose context is absent costs nothing more, and positives are only
  // looked for inside the context when it is a few places (a bare `$X` matches every node)
  const insideRanges = insides.map((inside) => evalFormula(inside, doc, lang, hooks, within));
  if (insideRanges.some((r) => r.length === 0)) return [];
  if (f.positives.length > 0) {
    const spans = insideRanges.length > 0 ? mergedSpans(insideRanges[0], within) : null;
    const evalPositive = (p: CFormula): Range[] =>
      spans && spans.length <= 8 && isPlain(p) ? dedupe(doc, spans.flatMap((sp) => evalFormula(p, doc, lang, hooks, sp))) : evalFormula(p, doc, lang, hooks, within);
    base = evalPositive(f.positives[0]);
    for (let i = 1; i < f.positives.length && base.length > 0; i++) {
      // equal ranges met through an index: all pairs of two large lists was quadratic
      const other = bySpan(evalPositive(f.positives[i]));
      const next: Range[] = [];
      for (const m of base) {
        for (const o of other.get(spanKey(m)) ?? []) {
          if (compatible(doc, m.env, o.env)) {
            next.push({ ...m, env: merge(m.env, o.env), node: m.node ?? o.node });
          }
        }
      }
      doc.ctx?.bind(next.length);
      base = next;
    }
  } else {
    // only insides: the first inside's ranges are the matches
    base = insideRanges[0];
    insides = insides.slice(1);
    insideRanges.shift();
  }
  for (const ranges of insideRanges) {
    if (base.length === 0) break;
    const index = containmentIndex(ranges);
    const next: Range[] = [];
    for (const m of base) {
      index.forContaining(m, (r) => {
        if (compatible(doc, m.env, r.env)) next.push({ ...m, env: merge(m.env, r.env) });
      });
    }
    base = dedupe(doc, next);
  }
  for (const not of f.nots) {
    if (base.length === 0) break;
    const ranges = bySpan(evalFormula(not, doc, lang, hooks, within));
    base = base.filter((m) => !(ranges.get(spanKey(m)) ?? []).some((r) => compatible(doc, m.env, r.env)));
  }
  for (const not of f.notInsides) {
    if (base.length === 0) break;
    const index = containmentIndex(evalFormula(not, doc, lang, hooks, within));
    base = base.filter((m) => !index.someContaining(m, (r) => compatible(doc, m.env, r.env)));
  }
  for (const re of f.notRegex) {
    if (base.length === 0) break;
    const index = containmentIndex(regexRanges(re, doc));
    base = base.filter((m) => !index.someContaining(m, () => true));
  }
  for (const cond of f.conds) {
    if (base.length === 0) break;
    base = base.flatMap((m) => applyCondition(cond, m, doc, lang, hooks));
  }
  for (const [i, mvs] of f.focus.entries()) {
    base = base.flatMap((m) => focus(m, mvs, i === 0));
  }
  return dedupe(doc, base);
}

function focus(m: Range, mvs: string[], first: boolean): Range[] {
  const out: Range[] = [];
  for (const mv of mvs) {
    const b = lookup(m.env, mv);
    if (!b || b.nodes.length === 0) continue;
    const start = b.nodes[0].start;
    const end = b.nodes[b.nodes.length - 1].end;
    const node = b.nodes.length === 1 ? b.nodes[0] : undefined;
    if (first) out.push({ start, end, env: m.env, node, focused: true });
    else {
      // a later focus-metavariable intersects with the current focus
      const s = Math.max(start, m.start);
      const e = Math.min(end, m.end);
      if (s < e) out.push({ start: s, end: e, env: m.env, node: s === start && e === end ? node : m.node, focused: true });
    }
  }
  return out;
}

/** The value of a binding for comparisons: literal value where it is a literal. */
function literalValue(doc: Doc, nodes: Node[], strip: boolean, base?: number): Value {
  const text = bindingText(doc, nodes);
  if (nodes.length === 1 && doc.ctx) {
    const s = doc.ctx.stringInfo(nodes[0]);
    if (s && !s.interpolated) {
      if (base) return parseIntLiteral(s.value, base) ?? s.value;
      return strip ? (parseIntLiteral(s.value) ?? s.value) : s.value;
    }
  }
  if (base) return parseIntLiteral(text, base) ?? text;
  const n = parseIntLiteral(text);
  if (n !== null) return n;
  if (strip) return text.replace(/^["'`]|["'`]$/g, '');
  return text;
}

function constantText(doc: Doc, nodes: Node[]): string {
  if (nodes.length === 1 && doc.ctx && nodes[0].type === 'identifier') {
    const v = doc.ctx.constants().get(doc.ctx.text(nodes[0]));
    if (v) return doc.text.slice(v.start, v.end);
  }
  return bindingText(doc, nodes);
}

function applyCondition(cond: CCond, m: Range, doc: Doc, lang: LanguageId | null, hooks: Evaluator): Range[] {
  switch (cond.k) {
    case 'regex': {
      const b = lookup(m.env, cond.mv);
      if (!b) return [];
      const text = cond.constantPropagation ? constantText(doc, b.nodes) : bindingText(doc, b.nodes);
      const r = cond.re.exec(text);
      if (!r) return [];
      let env = m.env;
      const base = b.nodes[0]?.start ?? m.start;
      for (const [name, at] of Object.entries(r.named)) {
        if (at) env = { name: `$${name}`, nodes: [textNode(base + at[0], base + at[1], text.slice(at[0], at[1]))], next: env };
      }
      return [{ ...m, env }];
    }
    case 'comparison': {
      try {
        const ok = evaluate(cond.expr, (name) => {
          const b = lookup(m.env, name);
          return b ? literalValue(doc, b.nodes, cond.strip, cond.base) : undefined;
        });
        return ok ? [m] : [];
      } catch (e) {
        if (e instanceof ComparisonError) return [];
        throw e;
      }
    }
    case 'entropy': {
      const b = lookup(m.env, cond.mv);
      if (!b) return [];
      const v = literalValue(doc, b.nodes, true);
      return typeof v === 'string' && isHighEntropy(v) ? [m] : [];
    }
    case 'redos': {
      const b = lookup(m.env, cond.mv);
      if (!b || !hooks.redos) return [];
      const v = literalValue(doc, b.nodes, true);
      return typeof v === 'string' && hooks.redos(v, cond.exponentialOnly, cond.anchor) ? [m] : [];
    }
    case 'type': {
      const b = lookup(m.env, cond.mv);
      if (!b || b.nodes.length !== 1 || !doc.ctx) return [];
      return cond.types.some((t) => typeMatches(doc.ctx!, b.nodes[0], t)) ? [m] : [];
    }
    case 'pattern': {
      const b = lookup(m.env, cond.mv);
      if (!b || b.nodes.length === 0) return [];
      const start = b.nodes[0].start;
      const end = b.nodes[b.nodes.length - 1].end;
      // with an explicit `language`, the bound text (a string's content) is parsed on its own, as Semgrep does
      const sameLanguage = cond.language === null;
      if (sameLanguage && doc.tree) {
        const sub = evalFormula(cond.formula, doc, lang, hooks, { start, end });
        return sub.filter((s) => compatible(doc, m.env, s.env)).map((s) => ({ ...m, env: merge(m.env, s.env) }));
      }
      // another language (or regex): analyse the bound text on its own, a string's content if a string
      let text = bindingText(doc, b.nodes);
      if (b.nodes.length === 1 && doc.ctx) {
        const s = doc.ctx.stringInfo(b.nodes[0]);
        if (s) text = s.value;
      }
      const subDoc = makeDoc(doc.path, text, cond.language === 'regex' ? null : cond.language);
      if (!subDoc) return [];
      const sub = evalFormula(cond.formula, subDoc, cond.language === 'regex' ? null : cond.language, hooks);
      return sub.length > 0 ? [m] : [];
    }
  }
}

/** A Doc for a piece of text, parsed when a (loaded) language is given. */
export function makeDoc(path: string, text: string, language: LanguageId | null, tree?: Tree): Doc | null {
  const lines = tree?.lines ?? new LineIndex(text);
  if (!language) return { path, text, lines };
  if (!tree) {
    if (!isLoaded(language)) return null;
    try {
      tree = parseText(language, text, { timeoutMs: 2000 });
    } catch {
      return null;
    }
  }
  return { path, text, lines, tree, ctx: new MatchContext(tree, languageById(language)) };
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Semgrep's entropy analyzer flags strings that look random: long enough and high entropy. */
export function isHighEntropy(s: string): boolean {
  if (s.length < 10) return false;
  return entropy(s) >= 3.5;
}

