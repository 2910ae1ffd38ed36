/**
 * Taint values: where a value's taint came from (a source of some rule, or a parameter of the
 * function being summarised), which rules' sanitizers it went through, and the path it took.
 *
 * One interpretation serves every taint rule of a file: origins carry their rule, and a
 * sanitizer blocks an origin only for its own rule. Traces are persistent linked lists so
 * extending a trace never copies it.
 */
import type { Node } from '../../core/ast.js';
import type { Location } from '../../core/types.js';

export interface RawStep {
  kind: 'source' | 'step' | 'call' | 'return' | 'sink';
  /** The node in this file; absent for steps in another file, which carry `loc`. */
  node?: Node;
  loc?: Location;
  /** The source line (steps in another file). */
  snippet?: string;
  message: string;
}

export interface Trace {
  step: RawStep;
  prev: Trace | null;
  length: number;
}

export interface Origin {
  kind: 'source' | 'param';
  /** Rule index for sources; -1 for parameters. */
  rule: number;
  /** Source label (taint labels); '' for parameters. */
  label: string;
  /** Parameter index for parameters; -1 for sources. */
  param: number;
  /** Rules whose sanitizers this value went through (sorted, no duplicates). */
  blocked: readonly number[];
  trace: Trace | null;
  /** Metavariables bound by the source match (for messages). */
  sourceEnv?: unknown;
}

/** null is clean. A non-empty array otherwise. */
export type Taint = readonly Origin[] | null;

export function addStep(trace: Trace | null, step: RawStep): Trace {
  return { step, prev: trace, length: (trace?.length ?? 0) + 1 };
}

export function traceSteps(trace: Trace | null): RawStep[] {
  const out: RawStep[] = [];
  for (let t = trace; t; t = t.prev) out.push(t.step);
  return out.reverse();
}

function key(o: Origin): string {
  return `${o.kind}|${o.rule}|${o.label}|${o.param}|${o.blocked.join(',')}`;
}

export function union(a: Taint, b: Taint): Taint {
  if (!a || a.length === 0) return b && b.length > 0 ? b : null;
  if (!b || b.length === 0) return a;
  if (a === b) return a;
  const out = new Map<string, Origin>();
  for (const o of a) out.set(key(o), o);
  for (const o of b) {
    const k = key(o);
    const prev = out.get(k);
    if (!prev || (o.trace?.length ?? 0) < (prev.trace?.length ?? 0)) out.set(k, o);
  }
  return [...out.values()];
}

export function unionAll(list: Taint[]): Taint {
  let t: Taint = null;
  for (const x of list) t = union(t, x);
  return t;
}

/** Extend every origin's trace by one step (at assignments, calls, returns). */
export function extend(t: Taint, step: RawStep): Taint {
  if (!t) return null;
  return t.map((o) => ({ ...o, trace: addStep(o.trace, step) }));
}

/** Apply the sanitizers of `rules`: sources of those rules are dropped, others are blocked for them. */
export function sanitize(t: Taint, rules: readonly number[]): Taint {
  if (!t || rules.length === 0) return t;
  const out: Origin[] = [];
  for (const o of t) {
    if (o.kind === 'source' && rules.includes(o.rule)) continue;
    const blocked = [...new Set([...o.blocked, ...rules])].sort((x, y) => x - y);
    out.push({ ...o, blocked });
  }
  return out.length > 0 ? out : null;
}

/** Whether an origin still counts for a rule. */
export function liveFor(o: Origin, rule: number): boolean {
  if (o.blocked.includes(rule)) return false;
  return o.kind === 'param' || o.rule === rule;
}

export function sameTaint(a: Taint, b: Taint): boolean {
  if (a === b) return true;
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  const ka = new Set(a.map(key));
  return b.every((o) => ka.has(key(o)));
}
