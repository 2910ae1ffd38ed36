/**
 * Taint specifications compiled per language: sources, sinks, sanitizers, propagators.
 */
import type { TaintSpec, TaintSpecEntry } from '../../core/rule.js';
import type { LanguageId } from '../../core/types.js';
import { compileFormula, requiredWords, type CFormula } from '../formula.js';

export interface CompiledSpecEntry {
  formula: CFormula;
  label: string;
  requires?: string;
  bySideEffect: boolean | 'only';
  exact: boolean;
  from?: string;
  to?: string;
  description?: string;
  /**
   * The formula as written (without line numbers) and the languages it was compiled for: equal
   * keys match the same ranges, so rules sharing a framework model match it once per file.
   */
  key: string;
}

export interface CompiledTaint {
  sources: CompiledSpecEntry[];
  sinks: CompiledSpecEntry[];
  sanitizers: CompiledSpecEntry[];
  propagators: CompiledSpecEntry[];
  options: Record<string, unknown>;
  /**
   * Alone, a file can only hold a finding when some source and some sink may match (`both`);
   * in a project, a file with either may hold half of a cross-file flow.
   */
  prefilter(lang: LanguageId, need: 'both' | 'either'): ((words: Set<string>) => boolean) | null;
}

const DEFAULT_LABEL = '__taint__';

/**
 * Compiled formulas shared by every rule that names the same spec (a concept's models appear in
 * many rules): compiled once, and one object, so a file's matches can be computed once for all
 * those rules (run.ts caches by formula).
 */
const shared = new Map<string, CFormula>();

function compileShared(spec: TaintSpecEntry['formula'], languages: LanguageId[]): CFormula {
  const key = `${languages.join(',')}|${JSON.stringify(spec, (k, v) => (k === 'line' ? undefined : v))}`;
  let f = shared.get(key);
  if (!f) {
    f = compileFormula(spec, languages);
    shared.set(key, f);
  }
  return f;
}

function entry(e: TaintSpecEntry, languages: LanguageId[], kind: 'source' | 'sink' | 'sanitizer' | 'propagator'): CompiledSpecEntry {
  return {
    formula: compileShared(e.formula, languages),
    label: e.label ?? DEFAULT_LABEL,
    requires: e.requires,
    bySideEffect: e.bySideEffect ?? false,
    // sinks and sanitizers match exactly by default in Semgrep; sources too unless told otherwise
    exact: e.exact ?? (kind === 'sink' ? false : true),
    from: e.from,
    to: e.to,
    description: e.description,
    key: `${languages.join(',')}|${JSON.stringify(e.formula, (k, v: unknown) => (k === 'line' ? undefined : v))}`,
  };
}

export function compileTaint(spec: TaintSpec, languages: LanguageId[], options: Record<string, unknown>): CompiledTaint {
  const sources = spec.sources.map((e) => entry(e, languages, 'source'));
  const sinks = spec.sinks.map((e) => entry(e, languages, 'sink'));
  const sanitizers = spec.sanitizers.map((e) => entry(e, languages, 'sanitizer'));
  const propagators = spec.propagators.map((e) => entry(e, languages, 'propagator'));
  return {
    sources,
    sinks,
    sanitizers,
    propagators,
    options,
    prefilter(lang, need) {
      const any = (list: CompiledSpecEntry[]) => {
        const parts = list.map((e) => requiredWords(e.formula, lang));
        if (parts.some((p) => p === null)) return null;
        return (w: Set<string>) => parts.some((p) => p!(w));
      };
      const src = any(sources);
      const snk = any(sinks);
      if (!src && !snk) return null;
      if (need === 'either') return src && snk ? (w) => src(w) || snk(w) : null;
      return (w) => (!src || src(w)) && (!snk || snk(w));
    },
  };
}

export { DEFAULT_LABEL };
