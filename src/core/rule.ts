/**
 * A rule as loaded from Semgrep-syntax YAML: data only. The engine compiles its patterns
 * per language (engine/rules/compile.ts); reporters read `RuleInfo` (types.ts).
 */
import type { LanguageId, RuleMetadata, Severity } from './types.js';

/** A formula in Semgrep's (classic) rule syntax, after validation. */
export type FormulaSpec =
  | { kind: 'pattern'; pattern: string; line?: number }
  | { kind: 'regex'; regex: string; line?: number }
  | { kind: 'either'; children: FormulaSpec[] }
  | { kind: 'all'; items: FormulaItem[] }
  /** A formula that only holds in some languages (framework models). */
  | { kind: 'lang'; languages: LanguageId[]; formula: FormulaSpec };

export type FormulaItem =
  | { kind: 'positive'; formula: FormulaSpec }
  | { kind: 'inside'; formula: FormulaSpec }
  | { kind: 'not'; formula: FormulaSpec }
  | { kind: 'not-inside'; formula: FormulaSpec }
  | { kind: 'not-regex'; regex: string }
  | { kind: 'metavariable-regex'; metavariable: string; regex: string; constantPropagation: boolean }
  | { kind: 'metavariable-pattern'; metavariable: string; formula: FormulaSpec; language?: string }
  | { kind: 'metavariable-comparison'; metavariable?: string; comparison: string; base?: number; strip?: boolean }
  | { kind: 'metavariable-analysis'; metavariable: string; analyzer: 'entropy' | 'redos'; options?: { complexity?: 'polynomial' | 'exponential' } }
  | { kind: 'metavariable-type'; metavariable: string; types: string[] }
  | { kind: 'focus'; metavariables: string[] };

/** A taint specification entry (pattern-sources and friends). */
export interface TaintSpecEntry {
  formula: FormulaSpec;
  label?: string;
  requires?: string;
  bySideEffect?: boolean | 'only';
  exact?: boolean;
  /** Propagators: from/to metavariables. */
  from?: string;
  to?: string;
  /** What the matched code is, for traces ("Flask request data"). */
  description?: string;
  /** The framework model this entry came from (concept entries). */
  model?: string;
}

export interface TaintSpec {
  sources: TaintSpecEntry[];
  sinks: TaintSpecEntry[];
  sanitizers: TaintSpecEntry[];
  propagators: TaintSpecEntry[];
}

export interface Rule {
  id: string;
  message: string;
  severity: Severity;
  /** The `languages:` entry as written. */
  languageNames: string[];
  /** Languages the rule runs on; empty with `regexOnly` for `languages: [regex]`. */
  languages: LanguageId[];
  /** `languages: [regex]` / `[generic]` with only regex patterns: runs on every text file. */
  regexOnly: boolean;
  metadata: RuleMetadata;
  mode: 'search' | 'taint';
  formula?: FormulaSpec;
  taint?: TaintSpec;
  fix?: string;
  fixRegex?: { regex: string; replacement: string; count?: number };
  paths?: { include?: string[]; exclude?: string[] };
  options: Record<string, unknown>;
  /** Where the rule was defined. */
  source?: { file: string; line: number };
}
