/**
 * Taint across files. Each file's analysis exports serialized summaries of its top-level
 * functions (by exported name), keyed by rule id rather than rule index, with locations rather
 * than nodes, so they cross worker threads and files. A file that calls an imported project
 * function is re-analysed with those summaries (runner/index.ts iterates until they settle).
 *
 * Followed: Python `import m`, `from m import f`, `from .m import f` (relative, packages with
 * __init__.py), module attributes (`m.f()`); JS/TS relative `import`/`require` with named,
 * default and namespace imports and destructuring, `export`/`module.exports`/`exports.x`, and
 * re-exports (`export { f } from`, `export * from`). Not followed: dynamic imports with
 * computed names, `importlib`, dependency injection, reflection, methods of imported classes.
 */
import path from 'node:path';
import type { Node, Tree } from '../../core/ast.js';
import type { BoundMetavar, LanguageId, Location, Suppression, TraceStep } from '../../core/types.js';
import type { MatchContext } from '../pattern/match.js';
import { isFunctionNode, sinkKey, type ExternalResolver, type ParamInfo, type Summary, type SummarySink } from './flow.js';
import type { Origin, RawStep, Taint, Trace } from './values.js';

export interface SerialOrigin {
  kind: 'source' | 'param';
  ruleId: string | null;
  label: string;
  param: number;
  blocked: string[];
  trace: TraceStep[];
}

export interface SerialSink {
  param: number;
  ruleId: string;
  blocked: string[];
  sink: { loc: Location; text: string; snippet: string; metavars: Record<string, BoundMetavar>; suppressed?: Suppression };
  trace: TraceStep[];
}

export interface SerialSummary {
  params: Omit<ParamInfo, 'node'>[];
  ret: SerialOrigin[];
  sinks: SerialSink[];
}

/** What one file offers other files. */
export interface ModuleTaint {
  path: string;
  language: LanguageId;
  /** Exported (top-level) functions by the name other files import. */
  exports: Record<string, SerialSummary>;
  /** Re-exports: exported name -> [module specifier, imported name ('*' for all)]. */
  reexports: [string, string, string][];
  /** Whether any source matched in the file (only then can re-analysing it find a flow here). */
  hasSources: boolean;
  /**
   * What this file imports, as module specifier candidates per import (longest first); the
   * runner resolves them against the project's files (kept unresolved so the cache entry does
   * not depend on which other files exist).
   */
  imports: string[][];
}

// ---------------------------------------------------------------------------------------------
// Module resolution

const JS_EXT = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** The project file a module specifier names, from the importing file, or null. */
export function resolveModule(spec: string, from: string, language: LanguageId, files: ReadonlySet<string>): string | null {
  const dir = path.posix.dirname(from);
  if (language === 'python') {
    let base: string;
    let rest: string;
    if (spec.startsWith('.')) {
      const dots = /^\.+/.exec(spec)![0].length;
      base = dir;
      for (let i = 1; i < dots; i++) base = path.posix.dirname(base);
      rest = spec.slice(dots);
      const rel = rest ? `${base === '.' ? '' : `${base}/`}${rest.replace(/\./g, '/')}` : base;
      for (const c of [`${rel}.py`, `${rel}/__init__.py`]) if (files.has(path.posix.normalize(c))) return path.posix.normalize(c);
      return null;
    }
    const rel = spec.replace(/\./g, '/');
    // absolute: a project file whose path ends with the module path (closest to the importer wins)
    let best: string | null = null;
    for (const f of pythonModuleIndex(files).get(rel) ?? []) {
      if (!best || commonPrefix(f, from) > commonPrefix(best, from)) best = f;
    }
    return best;
  }
  if (!spec.startsWith('.')) return null;
  const joined = path.posix.normalize(path.posix.join(dir, spec));
  const stem = joined.replace(/\.(m|c)?js$/, '');
  const candidates = [joined, ...JS_EXT.map((e) => `${stem}${e}`), ...JS_EXT.map((e) => `${joined}/index${e}`)];
  for (const c of candidates) if (files.has(c)) return c;
  return null;
}

const moduleIndexes = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/**
 * Python files by every trailing module path they can be imported as (`a/b/c.py` as `c`, `b/c`
 * and `a/b/c`; a package's `__init__.py` as its folder): one pass over the project instead of
 * one per import, which made large projects quadratic.
 */
function pythonModuleIndex(files: ReadonlySet<string>): Map<string, string[]> {
  let index = moduleIndexes.get(files);
  if (index) return index;
  index = new Map();
  for (const f of files) {
    if (!f.endsWith('.py')) continue;
    const parts = f.slice(0, -3).split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    for (let i = parts.length - 1; i >= 0; i--) {
      const key = parts.slice(i).join('/');
      if (!key) continue;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(f);
    }
  }
  moduleIndexes.set(files, index);
  return index;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Serialization

/**
 * Steps of a trace. With a memo (one per module), equal steps and equal traces are one object:
 * every rule naming the same concept carries the same flow, and structured cloning keeps that
 * sharing, so a module's summaries cost memory per flow, not per flow and rule.
 */
function stepsOf(trace: Trace | null, loc: (n: Node) => Location, line: (n: Node) => string, memo?: TraceMemo): TraceStep[] {
  const out: TraceStep[] = [];
  const keys: string[] = [];
  for (let t = trace; t; t = t.prev) {
    const s = t.step;
    const location = s.loc ?? loc(s.node!);
    const key = memo ? `${s.kind}|${location.path}|${location.start.offset}|${location.end.offset}|${s.message}` : '';
    let step = memo?.steps.get(key);
    if (!step) {
      step = { kind: s.kind, location, message: s.message, snippet: s.snippet ?? (s.node ? line(s.node) : undefined) };
      memo?.steps.set(key, step);
    }
    out.push(step);
    keys.push(key);
  }
  out.reverse();
  if (!memo) return out;
  const key = keys.join('\n');
  const known = memo.traces.get(key);
  if (known) return known;
  memo.traces.set(key, out);
  return out;
}

/** Shared steps and traces of one module's serialized summaries. */
export interface TraceMemo {
  steps: Map<string, TraceStep>;
  traces: Map<string, TraceStep[]>;
}

export function traceMemo(): TraceMemo {
  return { steps: new Map(), traces: new Map() };
}

function traceOf(steps: TraceStep[]): Trace | null {
  let t: Trace | null = null;
  for (const s of steps) {
    const raw: RawStep = { kind: s.kind, loc: s.location, snippet: s.snippet, message: s.message };
    const length: number = t ? t.length + 1 : 1;
    t = { step: raw, prev: t, length };
  }
  return t;
}

export interface SerializeContext {
  ruleIds: string[];
  loc: (n: Node) => Location;
  line: (n: Node) => string;
  metavars: (sink: SummarySink) => Record<string, BoundMetavar>;
  suppressed: (n: Node, ruleId: string) => Suppression | undefined;
  /** Share equal steps and traces across the summaries of one module. */
  memo?: TraceMemo;
}

export function serializeSummary(s: Summary, c: SerializeContext): SerialSummary {
  const ids = (rules: readonly number[]) => rules.map((r) => c.ruleIds[r]);
  return {
    params: s.params.map(({ node: _n, ...p }) => p),
    ret: (s.ret ?? []).map((o) => ({
      kind: o.kind,
      ruleId: o.kind === 'source' ? c.ruleIds[o.rule] : null,
      label: o.label,
      param: o.param,
      blocked: ids(o.blocked),
      trace: stepsOf(o.trace, c.loc, c.line, c.memo),
    })),
    sinks: s.sinks.map((k) => ({
      param: k.param,
      ruleId: c.ruleIds[k.rule],
      blocked: ids(k.blocked),
      sink:
        k.sink.kind === 'foreign'
          ? { loc: k.sink.loc, text: k.sink.text, snippet: k.sink.snippet, metavars: k.sink.metavars, suppressed: k.sink.suppressed }
          : { loc: c.loc(k.sink.node), text: nodeText(k.sink.node, c), snippet: c.line(k.sink.node), metavars: c.metavars(k), suppressed: c.suppressed(k.sink.node, c.ruleIds[k.rule]) },
      trace: stepsOf(k.trace, c.loc, c.line, c.memo),
    })),
  };
}

function nodeText(n: Node, c: SerializeContext): string {
  const l = c.loc(n);
  const line = c.line(n);
  return l.start.line === l.end.line ? line.slice(l.start.column - 1, l.end.column - 1) : line.slice(l.start.column - 1);
}

/** A serialized summary in the rule numbering of the file that calls it. */
export function deserializeSummary(s: SerialSummary, ruleIndex: Map<string, number>): Summary {
  const idx = (ids: string[]) => ids.map((id) => ruleIndex.get(id)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const ret: Origin[] = [];
  for (const o of s.ret) {
    const rule = o.ruleId === null ? -1 : ruleIndex.get(o.ruleId);
    if (rule === undefined) continue;
    ret.push({ kind: o.kind, rule, label: o.label, param: o.param, blocked: idx(o.blocked), trace: traceOf(o.trace) });
  }
  const sinks: SummarySink[] = [];
  for (const k of s.sinks) {
    const rule = ruleIndex.get(k.ruleId);
    if (rule === undefined) continue;
    sinks.push({ param: k.param, rule, blocked: idx(k.blocked), sink: { kind: 'foreign', ...k.sink }, trace: traceOf(k.trace) });
  }
  return { params: s.params, ret: ret.length > 0 ? (ret as Taint) : null, sinks, fields: [] };
}

/**
 * Whether a summary changes what callers conclude: a sink inside, a source returned, or a
 * sanitizer on the way. (A function returning nothing tainted would only remove false alarms
 * at the cost of re-analysing every caller of every such function: not worth it.)
 */
export function isInteresting(s: SerialSummary): boolean {
  return s.sinks.length > 0 || s.ret.some((o) => o.kind === 'source' || o.blocked.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Exports of a file

/** Top-level functions of a file by the names other files import them under. */
export function exportedFunctions(tree: Tree, text: (n: Node) => string): { fns: Map<string, Node>; reexports: [string, string, string][] } {
  const fns = new Map<string, Node>();
  const reexports: [string, string, string][] = [];
  const local = new Map<string, Node>();
  const isTop = (n: Node) => {
    let p = n.parent;
    while (p && (p.type === 'decorated_definition' || p.type === 'export_statement' || p.type === 'variable_declarator' || p.type === 'lexical_declaration' || p.type === 'variable_declaration')) p = p.parent;
    return p === tree.root;
  };
  for (const n of tree.nodes) {
    if (!isFunctionNode(n) || !isTop(n)) continue;
    const name = n.get('name') ?? (n.parent?.type === 'variable_declarator' ? n.parent.get('name') : undefined);
    if (!name) {
      if (n.parent?.type === 'export_statement' && /\bdefault\b/.test(n.parent.op ?? '')) fns.set('default', n);
      continue;
    }
    local.set(text(name), n);
    fns.set(text(name), n);
    if (n.parent?.type === 'export_statement' && /\bdefault\b/.test(n.parent.op ?? '')) fns.set('default', n);
  }
  if (tree.language !== 'python') {
    for (const e of tree.byType.get('export_statement') ?? []) {
      const source = e.get('source');
      const clause = e.children.find((c) => c.type === 'export_clause');
      const spec = source ? text(source).slice(1, -1) : null;
      if (!clause && spec && /\*/.test(e.op ?? '')) reexports.push(['*', spec, '*']);
      for (const s of clause?.children ?? []) {
        if (s.type !== 'export_specifier') continue;
        const name = text(s.get('name') ?? s);
        const alias = s.get('alias') ? text(s.get('alias')!) : name;
        if (spec) reexports.push([alias, spec, name]);
        else if (local.has(name)) fns.set(alias, local.get(name)!);
      }
      if (!clause && !source && /\bdefault\b/.test(e.op ?? '')) {
        const v = e.get('value');
        if (v?.type === 'identifier' && local.has(text(v))) fns.set('default', local.get(text(v))!);
      }
    }
    // module.exports = { a, b: c }  /  module.exports.x = f  /  exports.x = f
    for (const a of tree.byType.get('assignment_expression') ?? []) {
      const left = text(a.get('left')!);
      const right = a.get('right');
      if (!right) continue;
      if (left === 'module.exports' && right.type === 'object') {
        for (const p of right.children) {
          if (p.type === 'shorthand_property_identifier' && local.has(text(p))) fns.set(text(p), local.get(text(p))!);
          if (p.type === 'pair') {
            const v = p.get('value');
            const k = text(p.get('key')!).replace(/^['"]|['"]$/g, '');
            if (v && isFunctionNode(v)) fns.set(k, v);
            else if (v?.type === 'identifier' && local.has(text(v))) fns.set(k, local.get(text(v))!);
          }
        }
      } else if (left === 'module.exports' && right.type === 'identifier' && local.has(text(right))) {
        fns.set('default', local.get(text(right))!);
      } else {
        const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(left);
        if (m) {
          if (isFunctionNode(right)) fns.set(m[1], right);
          else if (right.type === 'identifier' && local.has(text(right))) fns.set(m[1], local.get(text(right))!);
        }
      }
    }
  }
  return { fns, reexports };
}

// ---------------------------------------------------------------------------------------------
// Calls into other files

export type ModuleTable = ReadonlyMap<string, ModuleTaint>;

function findExport(table: ModuleTable, file: string, name: string, depth = 0): SerialSummary | null {
  const m = table.get(file);
  if (!m || depth > 8) return null;
  const direct = m.exports[name];
  if (direct) return direct;
  const files = new Set(table.keys());
  for (const [alias, spec, imported] of m.reexports) {
    if (alias !== name && alias !== '*') continue;
    const target = resolveModule(spec, file, m.language, files);
    if (target) {
      const s = findExport(table, target, alias === '*' ? name : imported, depth + 1);
      if (s) return s;
    }
  }
  return null;
}

/** A resolver for calls in `file` to functions of other project files. */
export function externalResolver(file: string, ctx: MatchContext, table: ModuleTable, ruleIndex: Map<string, number>): ExternalResolver {
  const files = new Set(table.keys());
  const cache = new Map<string, Summary | null>();
  return (callee: Node, _tree: Tree) => {
    const p = ctx.canonicalPath(callee);
    if (!p) return null;
    const key = p.join('\u0000');
    if (cache.has(key)) return cache.get(key)!;
    let found: Summary | null = null;
    if (p.length === 1) {
      // `import run from './db'` / `const run = require('./db')`, then run(): the default export
      const target = ctx.tree.language === 'python' ? null : resolveModule(p[0], file, ctx.tree.language, files);
      const s = target ? findExport(table, target, 'default') : null;
      found = s ? deserializeSummary(s, ruleIndex) : null;
      cache.set(key, found);
      return found;
    }
    // the longest prefix that names a project module; the next segment is the function
    for (let k = p.length - 1; k >= 1 && !found; k--) {
      const modSegs = p.slice(0, k);
      let spec: string;
      if (ctx.tree.language === 'python') spec = modSegs[0].startsWith('.') ? `${modSegs[0]}${modSegs.length > 1 ? `.${modSegs.slice(1).join('.')}` : ''}` : modSegs.join('.');
      else spec = modSegs.join('/');
      const target = resolveModule(spec, file, ctx.tree.language, files);
      if (!target || k !== p.length - 1) continue;
      const s = findExport(table, target, p[k]);
      if (s) found = deserializeSummary(s, ruleIndex);
    }
    cache.set(key, found);
    return found;
  };
}

/** Module specifier candidates of each import of a tree (see ModuleTaint.imports). */
export function importSpecs(tree: Tree, aliases: Map<string, string[]>): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const p of aliases.values()) {
    const specs: string[] = [];
    for (let k = p.length; k >= 1; k--) {
      const segs = p.slice(0, k);
      specs.push(tree.language === 'python' ? (segs[0].startsWith('.') ? `${segs[0]}${segs.length > 1 ? `.${segs.slice(1).join('.')}` : ''}` : segs.join('.')) : segs.join('/'));
    }
    const key = specs.join('|');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(specs);
    }
  }
  return out;
}

/** The modules a file needs summaries of: what it imports, and what those re-export. */
export function neededModules(file: string, importsOf: ReadonlyMap<string, string[]>, table: ModuleTable): string[] {
  const files = new Set(table.keys());
  const out = new Set<string>();
  const stack = [...(importsOf.get(file) ?? [])];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (out.has(f)) continue;
    out.add(f);
    const m = table.get(f);
    for (const [, spec] of m?.reexports ?? []) {
      const t = resolveModule(spec, f, m!.language, files);
      if (t) stack.push(t);
    }
  }
  return [...out];
}

/** Project files a module imports. */
export function resolveImports(m: ModuleTaint, files: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const specs of m.imports) {
    for (const spec of specs) {
      const t = resolveModule(spec, m.path, m.language, files);
      if (t) {
        out.add(t);
        break;
      }
    }
  }
  out.delete(m.path);
  return [...out].sort();
}

export { sinkKey };
