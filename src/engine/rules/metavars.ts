/**
 * Which metavariables a rule's matches always bind, so a message can be checked before it is
 * ever shown: a `$NAME` in a message that some match leaves unbound is printed as written
 * (as Semgrep does), which reads as a broken message ("$FN runs a command line...").
 *
 * The analysis follows the engine: a pattern binds the metavariables it names ($_ binds
 * nothing), a regex its named groups; `patterns` binds what any of its positive terms,
 * `pattern-inside` terms, same-language `metavariable-pattern`s and `metavariable-regex`
 * named groups bind; `pattern-either` only what every branch binds; negations bind nothing.
 * A taint rule's message sees the sink's bindings (a sink reached in another file brings
 * only those), so only what every sink binds counts.
 */
import type { FormulaSpec, Rule } from '../../core/rule.js';

const METAVAR = /\$(?:\.\.\.)?[A-Z_][A-Z0-9_]*/g;
/** Metavariables as a message names them: `$X`, `$...X`, `value($X)`; `$$` (a literal dollar run) is not one. */
const MESSAGE_METAVAR = /(?<![$\w])\$(?:\.\.\.)?[A-Z_][A-Z0-9_]*/g;

function namedGroups(regex: string): string[] {
  return [...regex.matchAll(/\(\?P?<([A-Za-z_]\w*)>/g)].map((m) => `$${m[1]}`);
}

function intersect(sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]].filter((x) => sets.every((s) => s.has(x))));
}

/** Metavariables that every match of the formula binds. */
export function alwaysBound(spec: FormulaSpec): Set<string> {
  switch (spec.kind) {
    case 'pattern':
      return new Set((spec.pattern.match(METAVAR) ?? []).filter((m) => m !== '$_'));
    case 'regex':
      return new Set(namedGroups(spec.regex));
    case 'lang':
      return alwaysBound(spec.formula);
    case 'either':
      return intersect(spec.children.map(alwaysBound));
    case 'all': {
      const out = new Set<string>();
      for (const item of spec.items) {
        let add: Iterable<string> = [];
        if (item.kind === 'positive' || item.kind === 'inside') add = alwaysBound(item.formula);
        else if (item.kind === 'metavariable-pattern' && item.language === undefined) add = alwaysBound(item.formula);
        else if (item.kind === 'metavariable-regex') add = namedGroups(item.regex);
        for (const m of add) out.add(m);
      }
      return out;
    }
  }
}

/** Metavariables a rule's message names. */
export function messageMetavars(message: string): string[] {
  return [...new Set(message.match(MESSAGE_METAVAR) ?? [])];
}

/** Metavariables named in the rule's message that some match can leave unbound (so they would print as written). */
export function unboundMessageMetavars(rule: Rule): string[] {
  const named = messageMetavars(rule.message);
  if (named.length === 0) return [];
  let bound: Set<string>;
  if (rule.mode === 'taint') bound = intersect((rule.taint?.sinks ?? []).map((s) => alwaysBound(s.formula)));
  else bound = rule.formula ? alwaysBound(rule.formula) : new Set();
  return named.filter((m) => !bound.has(m));
}
