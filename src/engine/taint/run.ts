/**
 * Running the taint rules of one file: match every rule's sources, sinks, sanitizers and
 * propagators (with the pattern engine), interpret the file once for all rules, and turn
 * each source reaching a sink into a Finding with its trace. Optionally export the file's
 * function summaries for other files (interfile.ts).
 */
import type { Node } from '../../core/ast.js';
import { suppressionAt } from '../../core/suppress.js';
import type { Finding, LanguageId, Location, TraceStep } from '../../core/types.js';
import { type CFormula, type Doc, type Evaluator, evalFormula, type Range } from '../formula.js';
import { lookup, type Env } from '../pattern/match.js';
import type { CompiledRule } from '../rules/compile.js';
import { baseFinding, interpolate, location, metavarsOf, snippetOf } from '../run.js';
import type { CompiledSpecEntry } from './spec.js';
import { rangeKey, TaintInterpreter, type Matches, type SanitizerHit, type TaintHit } from './flow.js';
import { exportedFunctions, externalResolver, importSpecs, isInteresting, serializeSummary, traceMemo, type ModuleTable, type ModuleTaint } from './interfile.js';
import { type RawStep } from './values.js';

function push<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 50 ? `${one.slice(0, 47)}...` : one;
};

export function collectMatches(rules: CompiledRule[], doc: Doc, lang: LanguageId, hooks: Evaluator): Matches {
  const m: Matches = {
    sources: new Map(),
    sinks: new Map(),
    sanitizers: [],
    sanitizersExact: new Map(),
    propagators: new Map(),
    options: [],
    ruleCount: rules.length,
  };
  // rules naming the same concept share its models' formulas: match each once per file
  const memo = new Map<string, Range[]>();
  const matches = (e: CompiledSpecEntry): Range[] => {
    let r = memo.get(e.key);
    if (!r) memo.set(e.key, (r = evalFormula(e.formula, doc, lang, hooks)));
    return r;
  };
  rules.forEach((cr, rule) => {
    const t = cr.taint!;
    const o = cr.rule.options;
    m.options.push({
      assumeSafeFunctions: o.taint_assume_safe_functions === true,
      assumeSafeIndexes: o.taint_assume_safe_indexes === true,
      onlyAssignments: o.taint_only_propagate_through_assignments === true,
    });
    for (const s of t.sources) {
      for (const r of matches(s)) {
        const text = doc.text.slice(r.start, r.end);
        push(m.sources, rangeKey(r.start, r.end), {
          rule,
          label: s.label,
          requires: s.requires,
          bySideEffect: s.bySideEffect,
          env: r.env,
          description: `${clip(text)}: ${s.description ?? 'tainted data (a source of this rule)'}`,
        });
      }
    }
    for (const s of t.sinks) {
      // a range narrowed by focus-metavariable is a sink by its value, not a call's arguments
      for (const r of matches(s)) push(m.sinks, rangeKey(r.start, r.end), { rule, requires: s.requires, env: r.env, focused: r.focused === true });
    }
    for (const s of t.sanitizers) {
      for (const r of matches(s)) {
        const h: SanitizerHit = { rule, start: r.start, end: r.end, exact: s.exact, bySideEffect: s.bySideEffect };
        push(m.sanitizersExact, rangeKey(r.start, r.end), h);
        if (!s.exact) m.sanitizers.push(h);
      }
    }
    for (const p of t.propagators) {
      for (const r of matches(p)) {
        const from = lookup(r.env, p.from!)?.nodes[0];
        const to = lookup(r.env, p.to!)?.nodes[0];
        if (from && to) push(m.propagators, rangeKey(r.start, r.end), { rule, from, to });
      }
    }
  });
  return m;
}

/** The line a node starts on, whole (frames underline by column). */
function lineOf(doc: Doc, n: Node): string {
  return doc.lines.lineText(doc.lines.lineOf(n.start));
}

function stepOf(doc: Doc, s: RawStep): TraceStep {
  if (s.loc) return { kind: s.kind, location: s.loc, message: s.message, snippet: s.snippet };
  return { kind: s.kind, location: location(doc.path, doc.lines, s.node!.start, s.node!.end), message: s.message, snippet: lineOf(doc, s.node!) };
}

/** Consecutive steps at the same place say the same thing twice. */
function dedupeSteps(steps: TraceStep[]): TraceStep[] {
  const out: TraceStep[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    if (prev && prev.location.path === s.location.path && prev.location.start.offset === s.location.start.offset && prev.location.end.offset === s.location.end.offset && s.kind !== 'sink') continue;
    out.push(s);
  }
  return out;
}

function findingOf(cr: CompiledRule, doc: Doc, hit: TaintHit): Finding {
  const sourceEnv = hit.origin.sourceEnv as Env;
  const steps: TraceStep[] = [];
  for (let t = hit.origin.trace; t; t = t.prev) steps.push(stepOf(doc, t.step));
  steps.reverse();
  let f: Finding;
  const sink = hit.sink;
  if (sink.kind === 'local') {
    // message metavariables: the sink's, then the source's that do not collide
    let env: Env = sink.env;
    for (let b = sourceEnv; b; b = b.next) if (!lookup(env, b.name)) env = { name: b.name, nodes: b.nodes, next: env };
    f = baseFinding(cr, doc, callStart(doc, sink.node), sink.node.end, interpolate(cr.rule.message, doc, env));
    f.metavars = metavarsOf(doc, env);
    steps.push({ kind: 'sink', location: location(doc.path, doc.lines, sink.node.start, sink.node.end), message: `reaches ${clip(doc.text.slice(sink.node.start, sink.node.end))}`, snippet: lineOf(doc, sink.node) });
  } else {
    // a sink in another file, reached through a function imported from it
    let message = cr.rule.message;
    for (const [name, mv] of Object.entries(sink.metavars).sort((a, b) => b[0].length - a[0].length)) {
      message = message.replace(new RegExp(`${name.replace(/[$.]/g, (c) => `\\${c}`)}(?![A-Z0-9_])`, 'g'), () => mv.text);
    }
    f = baseFinding(cr, doc, 0, 0, message.replace(/value\((\$[A-Z_][A-Z0-9_]*)\)/g, '$1'));
    f.location = sink.loc;
    f.snippet = sink.snippet;
    f.metavars = Object.keys(sink.metavars).length > 0 ? sink.metavars : undefined;
    if (sink.suppressed) f.suppressed = sink.suppressed;
    steps.push({ kind: 'sink', location: sink.loc, message: `reaches ${clip(sink.text)}`, snippet: sink.snippet });
  }
  f.kind = 'taint';
  f.trace = dedupeSteps(steps);
  return f;
}

export interface TaintLimits {
  /** Interpretation steps per file before giving up (reported as a timeout warning). */
  budget?: number;
}

/**
 * Where a finding on a sink argument starts: the argument itself, or, when the function it is
 * passed to is named on an earlier line (`db.query(\n  sql\n)`, `qb\n  .where(\n  sql)`), that
 * name, so the finding covers the line that names the dangerous call.
 */
function callStart(doc: Doc, n: Node): number {
  let args = n.parent;
  if (args?.type === 'keyword_argument') args = args.parent;
  if (!args || !ARGUMENT_LISTS.has(args.type) || !args.parent) return n.start;
  const callee = args.parent.get('function');
  const name = callee?.get('property') ?? callee?.get('attribute') ?? callee ?? args.parent;
  return doc.lines.lineOf(name.start) < doc.lines.lineOf(n.start) ? name.start : n.start;
}

const ARGUMENT_LISTS = new Set(['arguments', 'argument_list']);

export interface InterfileOptions {
  /** Summaries of other files' functions (absent in the first pass). */
  table?: ModuleTable;
}

export interface TaintRunResult {
  findings: Finding[];
  /** This file's offer to other files (with interfile options). */
  module?: ModuleTaint;
}

/** Findings of the taint rules (already prefiltered for this file). */
export function runTaintRules(rules: CompiledRule[], doc: Doc, lang: LanguageId, hooks: Evaluator = {}, interfile?: InterfileOptions, limits: TaintLimits = {}): TaintRunResult {
  if (rules.length === 0 || !doc.tree || !doc.ctx) return { findings: [] };
  const m = collectMatches(rules, doc, lang, hooks);
  const ruleIds = rules.map((r) => r.rule.id);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const table = interfile?.table;
  // alone, a file needs both a source and a sink; in a project it may hold half of a flow
  if (!interfile && (m.sources.size === 0 || m.sinks.size === 0)) return { findings: [] };
  if (interfile && !table && m.sources.size === 0 && m.sinks.size === 0) return { findings: [], module: moduleOf(doc, interfile, null, ruleIds, false) };
  const external = table ? externalResolver(doc.path, doc.ctx, table, ruleIndex) : null;
  const interp = new TaintInterpreter(doc.tree, lang, m, external, limits.budget);
  interp.run();
  const findings = innermostSinks(interp.hits).map((hit) => findingOf(rules[hit.rule], doc, hit));
  return { findings, module: interfile ? moduleOf(doc, interfile, interp, ruleIds, m.sources.size > 0) : undefined };
}

/** Where a sink is, as path and offsets (local sinks are in this file: path ''). */
function sinkSpan(h: TaintHit): { path: string; start: number; end: number } {
  return h.sink.kind === 'local' ? { path: '', start: h.sink.node.start, end: h.sink.node.end } : { path: h.sink.loc.path, start: h.sink.loc.start.offset, end: h.sink.loc.end.offset };
}

/**
 * One flow, one finding: when a rule's sinks nest (`conn.execute(text(q))` where both the
 * execute argument and the text() argument are SQL sinks), the flow reaching the inner sink
 * also reaches the outer one; report only the inner, the shorter span that shows the problem.
 */
function innermostSinks(hits: TaintHit[]): TaintHit[] {
  return hits.filter((h) => {
    const a = sinkSpan(h);
    return !hits.some((o) => {
      if (o === h || o.rule !== h.rule) return false;
      const b = sinkSpan(o);
      return b.path === a.path && a.start <= b.start && b.end <= a.end && (b.end - b.start) < (a.end - a.start);
    });
  });
}

function moduleOf(doc: Doc, _interfile: InterfileOptions, interp: TaintInterpreter | null, ruleIds: string[], hasSources: boolean): ModuleTaint {
  const tree = doc.tree!;
  const text = (n: Node) => n.text ?? doc.text.slice(n.start, n.end);
  const module: ModuleTaint = {
    path: doc.path,
    language: tree.language,
    exports: {},
    reexports: [],
    hasSources,
    imports: importSpecs(tree, doc.ctx!.aliases),
  };
  const { fns, reexports } = exportedFunctions(tree, text);
  module.reexports = reexports;
  if (!interp) return module;
  const loc = (n: Node): Location => location(doc.path, doc.lines, n.start, n.end);
  const memo = traceMemo();
  for (const [name, fn] of fns) {
    const summary = interp.summaries.get(fn);
    if (!summary) continue;
    const serial = serializeSummary(summary, {
      memo,
      ruleIds,
      loc,
      line: (n) => lineOf(doc, n),
      metavars: (k) => (k.sink.kind === 'local' ? (metavarsOf(doc, k.sink.env) ?? {}) : k.sink.metavars),
      // an inline suppression at the sink holds for flows from every caller
      suppressed: (n, ruleId) => suppressionAt(doc.lines, doc.path, doc.lines.lineOf(n.start), ruleId),
    });
    if (isInteresting(serial)) module.exports[name] = serial;
  }
  return module;
}

export { snippetOf };
