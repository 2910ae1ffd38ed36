/**
 * Running compiled rules over one document and turning matches into Findings.
 */
import type { LineIndex } from '../core/ast.js';
import type { BoundMetavar, Confidence, Finding, LanguageId, Location, TextEdit } from '../core/types.js';
import { bindingText, evalFormula, wordsOf, type Doc, type Evaluator, type Range } from './formula.js';
import type { Env } from './pattern/match.js';
import type { CompiledRule } from './rules/compile.js';

export function location(path: string, lines: LineIndex, start: number, end: number): Location {
  return { path, start: lines.position(start), end: lines.position(end) };
}

/** The source lines a span covers (at most `max` lines). */
export function snippetOf(lines: LineIndex, start: number, end: number, max = 10): string {
  const a = lines.lineOf(start);
  const b = Math.min(lines.lineOf(Math.max(start, end - 1)), a + max - 1);
  const out: string[] = [];
  for (let l = a; l <= b; l++) out.push(lines.lineText(l));
  return out.join('\n');
}

/** "CWE-89: Improper..." -> "CWE-89" */
export function cweIds(list: string[] | undefined): string[] {
  const out: string[] = [];
  for (const c of list ?? []) {
    const m = /CWE-?(\d+)/i.exec(c);
    if (m) out.push(`CWE-${m[1]}`);
  }
  return [...new Set(out)];
}

export function owaspIds(list: string[] | undefined): string[] {
  return [...new Set((list ?? []).map((o) => o.split(/\s-\s/)[0].trim()))];
}

/** Replace $X, $...X and value($X) with bound text; longest names first. */
export function interpolate(template: string, doc: Doc, env: Env): string {
  const bound: [string, string][] = [];
  for (let b = env; b; b = b.next) {
    if (!bound.some(([n]) => n === b.name)) bound.push([b.name, bindingText(doc, b.nodes)]);
  }
  bound.sort((a, b) => b[0].length - a[0].length);
  let out = template.replace(/value\((\$[A-Z_][A-Z0-9_]*)\)/g, (m, name: string) => {
    const b = bound.find(([n]) => n === name);
    if (!b) return m;
    const v = b[1];
    return /^(['"`]).*\1$/s.test(v) ? v.slice(1, -1) : v;
  });
  for (const [name, text] of bound) {
    const esc = name.replace(/[$.]/g, (c) => `\\${c}`);
    out = out.replace(new RegExp(`${esc}(?![A-Z0-9_])`, 'g'), () => text);
  }
  return out;
}

function metavarsOf(doc: Doc, env: Env): Record<string, BoundMetavar> | undefined {
  const out: Record<string, BoundMetavar> = {};
  for (let b = env; b; b = b.next) {
    if (out[b.name] || b.nodes.length === 0) continue;
    const start = b.nodes[0].start;
    const end = b.nodes[b.nodes.length - 1].end;
    out[b.name] = { text: bindingText(doc, b.nodes), location: location(doc.path, doc.lines, start, end) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function baseFinding(cr: CompiledRule, doc: Doc, start: number, end: number, message: string): Finding {
  const { rule } = cr;
  const md = rule.metadata;
  return {
    ruleId: rule.id,
    kind: 'rule',
    message,
    severity: rule.severity,
    confidence: (md.confidence as Confidence | undefined) ?? 'medium',
    location: location(doc.path, doc.lines, start, end),
    snippet: snippetOf(doc.lines, start, end),
    cwe: cweIds(md.cwe),
    owasp: owaspIds(md.owasp),
    metadata: md,
    fingerprint: '',
  };
}

function fixFor(cr: CompiledRule, doc: Doc, m: Range): Finding['fix'] {
  const loc = location(doc.path, doc.lines, m.start, m.end);
  if (cr.rule.fix !== undefined) {
    const replacement = interpolate(cr.rule.fix, doc, m.env);
    const edits: TextEdit[] = [{ location: loc, replacement: reindent(replacement, doc, m.start) }];
    return { description: describeEdit(doc.text.slice(m.start, m.end), replacement), edits };
  }
  if (cr.fixRegex) {
    const text = doc.text.slice(m.start, m.end);
    const { re, replacement, count } = cr.fixRegex;
    let out = '';
    let last = 0;
    for (const x of re.all(text, 0, count ?? Infinity)) {
      // group references as Semgrep writes them (Python's re.sub: \1, \g<1>) or as JS does ($1)
      const filled = replacement.replace(/\$(\d)|\\(\d)|\\g<(\d+)>/g, (_x, a?: string, b?: string, c?: string) => {
        const g = x.groups[Number(a ?? b ?? c) - 1];
        return g ? text.slice(g[0], g[1]) : '';
      });
      out += text.slice(last, x.index) + filled;
      last = x.end;
    }
    out += text.slice(last);
    if (out === text) return undefined;
    return { description: describeEdit(text, out), edits: [{ location: loc, replacement: out }] };
  }
  return undefined;
}

const SHORT = 60;

function code(s: string): string {
  // lines joined by hand: `/\s*\n\s*/g` rescans a long run of spaces from every start
  const lines = s.split('\n');
  const one = lines.map((l, i) => (i > 0 ? l.trimStart() : l)).map((l, i) => (i < lines.length - 1 ? l.trimEnd() : l)).join(' ');
  return `\`${one.length > SHORT ? `${one.slice(0, SHORT - 1)}…` : one}\``;
}

/**
 * A fix in one line that shows the change: the whole span before and after when both are
 * short, else only the part that changes, widened to whole names (`yaml.load` ->
 * `yaml.safe_load`, not `load` -> `safe_load`).
 */
export function describeEdit(before: string, after: string): string {
  if (!before.includes('\n') && !after.includes('\n') && before.length <= SHORT && after.length <= SHORT) return `Replace ${code(before)} with ${code(after)}`;
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
  const word = /[\w.]/;
  while (p > 0 && word.test(before[p - 1])) p--;
  while (q > 0 && word.test(before[before.length - q])) q--;
  const old = before.slice(p, before.length - q);
  const neu = after.slice(p, after.length - q);
  if (old.trim() === '') {
    const head = before.slice(0, p).trimEnd();
    let from = head.length;
    while (from > 0 && !/\s/.test(head[from - 1])) from--;
    const prev = head.slice(from);
    return prev ? `Insert ${code(neu)} after ${code(prev)}` : `Insert ${code(neu)}`;
  }
  if (neu.trim() === '') return `Remove ${code(old)}`;
  return `Replace ${code(old)} with ${code(neu)}`;
}

/** Continuation lines of a multi-line fix take the indentation of the line it starts on. */
function reindent(s: string, doc: Doc, at: number): string {
  if (!s.includes('\n')) return s;
  const line = doc.lines.lineText(doc.lines.lineOf(at));
  const indent = /^\s*/.exec(line)![0];
  return s.split('\n').map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

/** Whether a rule's prefilter lets it run on this document. */
export function passesPrefilter(cr: CompiledRule, doc: Doc, lang: LanguageId | null): boolean {
  const pre = cr.prefilter.get(lang ?? 'regex');
  if (!pre) return true;
  doc.words ??= wordsOf(doc.text);
  return pre(doc.words);
}

/** Findings of one search-mode rule on one document (language `lang`, or null for text-only rules). */
export function runRule(cr: CompiledRule, doc: Doc, lang: LanguageId | null, hooks: Evaluator = {}): Finding[] {
  if (!passesPrefilter(cr, doc, lang) || !cr.formula) return [];
  if (doc.ctx) doc.ctx.constantPropagation = cr.rule.options.constant_propagation !== false;
  const ranges = evalFormula(cr.formula, doc, lang, hooks);
  const seen = new Set<string>();
  const out: Finding[] = [];
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const m of ranges) {
    const key = `${m.start}:${m.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = baseFinding(cr, doc, m.start, m.end, interpolate(cr.rule.message, doc, m.env));
    f.metavars = metavarsOf(doc, m.env);
    const fix = fixFor(cr, doc, m);
    if (fix) f.fix = fix;
    out.push(f);
  }
  return out;
}

export { metavarsOf, fixFor };
