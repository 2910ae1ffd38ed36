/**
 * Running the taint rules of one file: match every rule's sources, sinks, sanitizers and
 * propagators (with the pattern engine), interpret the file once for all rules, and turn
 * each source reaching a sink into a Finding with its trace.
 */
import type { Node } from '../../core/ast.js';
import type { Finding, LanguageId, TraceStep } from '../../core/types.js';
import { evalFormula, type Doc, type Evaluator } from '../formula.js';
import { lookup, type Env } from '../pattern/match.js';
import type { CompiledRule } from '../rules/compile.js';
import { baseFinding, interpolate, location, metavarsOf } from '../run.js';
import { rangeKey, TaintInterpreter, type ExternalResolver, type Matches, type SanitizerHit } from './flow.js';
import { traceSteps } from './values.js';

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
  rules.forEach((cr, rule) => {
    const t = cr.taint!;
    const o = cr.rule.options;
    m.options.push({
      assumeSafeFunctions: o.taint_assume_safe_functions === true,
      assumeSafeIndexes: o.taint_assume_safe_indexes === true,
      onlyAssignments: o.taint_only_propagate_through_assignments === true,
    });
    for (const s of t.sources) {
      for (const r of evalFormula(s.formula, doc, lang, hooks)) {
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
      for (const r of evalFormula(s.formula, doc, lang, hooks)) push(m.sinks, rangeKey(r.start, r.end), { rule, requires: s.requires, env: r.env });
    }
    for (const s of t.sanitizers) {
      for (const r of evalFormula(s.formula, doc, lang, hooks)) {
        const h: SanitizerHit = { rule, start: r.start, end: r.end, exact: s.exact, bySideEffect: s.bySideEffect };
        push(m.sanitizersExact, rangeKey(r.start, r.end), h);
        if (!s.exact) m.sanitizers.push(h);
      }
    }
    for (const p of t.propagators) {
      for (const r of evalFormula(p.formula, doc, lang, hooks)) {
        const from = lookup(r.env, p.from!)?.nodes[0];
        const to = lookup(r.env, p.to!)?.nodes[0];
        if (from && to) push(m.propagators, rangeKey(r.start, r.end), { rule, from, to });
      }
    }
  });
  return m;
}

/** The line a step is on, whole (frames underline by column). */
function lineSnippet(doc: Doc, n: Node): string {
  return doc.lines.lineText(doc.lines.lineOf(n.start));
}

/** Findings of the taint rules (already prefiltered for this file). */
export function runTaintRules(rules: CompiledRule[], doc: Doc, lang: LanguageId, hooks: Evaluator = {}, external: ExternalResolver | null = null): Finding[] {
  if (rules.length === 0 || !doc.tree) return [];
  const m = collectMatches(rules, doc, lang, hooks);
  if (m.sources.size === 0 && external === null) return [];
  if (m.sinks.size === 0 && external === null) return [];
  const interp = new TaintInterpreter(doc.tree, lang, m, external);
  interp.run();
  const out: Finding[] = [];
  for (const hit of interp.hits) {
    const cr = rules[hit.rule];
    const sink = hit.sink;
    // message metavariables: the sink's, then the source's that do not collide
    let env: Env = hit.sinkEnv;
    for (let b = hit.origin.sourceEnv as Env; b; b = b.next) if (!lookup(env, b.name)) env = { name: b.name, nodes: b.nodes, next: env };
    const f = baseFinding(cr, doc, sink.start, sink.end, interpolate(cr.rule.message, doc, env));
    f.kind = 'taint';
    f.metavars = metavarsOf(doc, env);
    const steps: TraceStep[] = traceSteps(hit.origin.trace).map((s) => ({
      kind: s.kind,
      location: location(doc.path, doc.lines, s.node.start, s.node.end),
      message: s.message,
      snippet: lineSnippet(doc, s.node),
    }));
    steps.push({ kind: 'sink', location: location(doc.path, doc.lines, sink.start, sink.end), message: `reaches ${clip(doc.text.slice(sink.start, sink.end))}`, snippet: lineSnippet(doc, sink) });
    f.trace = dedupeSteps(steps);
    out.push(f);
  }
  return out;
}

/** Consecutive steps at the same place say the same thing twice. */
function dedupeSteps(steps: TraceStep[]): TraceStep[] {
  const out: TraceStep[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    if (prev && prev.location.start.offset === s.location.start.offset && prev.location.end.offset === s.location.end.offset && s.kind !== 'sink') continue;
    out.push(s);
  }
  return out;
}
