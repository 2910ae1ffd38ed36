/**
 * Loading Semgrep-syntax YAML rules.
 *
 * Invariant: a key this engine does not implement is a load error naming the rule, the key
 * and the file line, never a silent skip: a rule that loads is a rule that runs as written.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { FormulaItem, FormulaSpec, Rule, TaintSpec, TaintSpecEntry } from '../../core/rule.js';
import { parseSeverity } from '../../core/severity.js';
import type { LanguageId, RuleMetadata } from '../../core/types.js';
import { languagesForRuleName } from '../../languages/index.js';
import { knownConcepts, modelsFor } from '../../languages/models.js';
import { RuleRegex } from '../regex.js';

export class RuleLoadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | undefined,
    readonly ruleId: string | undefined,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${ruleId ? `rule ${ruleId}: ` : ''}${message}`);
  }
}

export interface LoadResult {
  rules: Rule[];
  /** Non-fatal notes: rules for languages redpen does not parse yet. */
  warnings: RuleLoadError[];
}

const RULE_KEYS = new Set([
  'id', 'message', 'severity', 'languages', 'metadata', 'pattern', 'patterns', 'pattern-either',
  'pattern-regex', 'mode', 'pattern-sources', 'pattern-sinks', 'pattern-sanitizers',
  'pattern-propagators', 'fix', 'fix-regex', 'paths', 'options', 'min-version', 'max-version',
]);

/** Options accepted in `options:`; others are load errors. */
const KNOWN_OPTIONS = new Set([
  'constant_propagation', 'symbolic_propagation', 'taint_unify_mvars', 'taint_assume_safe_functions',
  'taint_assume_safe_indexes', 'taint_assume_safe_comparisons', 'taint_assume_safe_booleans',
  'taint_assume_safe_numbers', 'taint_only_propagate_through_assignments', 'interfile',
  'max_match_per_file', 'commutative_boolop', 'ac_matching', 'vardef_assign', 'attr_expr',
  'arrow_is_function', 'let_is_var', 'go_deeper_expr', 'go_deeper_stmt', 'implicit_return',
  'decorators_order_matters', 'xml_attrs_implicit_ellipsis', 'unify_ids_strictly',
]);

const TEXT_LANGUAGES = new Set(['regex', 'generic', 'none']);

interface Ctx {
  file: string;
  id?: string;
  lines: LineCounter;
  doc: Document;
  path: (string | number)[];
}

function lineOf(ctx: Ctx, path: (string | number)[]): number | undefined {
  const node = ctx.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : ctx.lines.linePos(offset).line;
}

function fail(ctx: Ctx, message: string, path = ctx.path): never {
  throw new RuleLoadError(message, ctx.file, lineOf(ctx, path), ctx.id);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(ctx: Ctx, v: unknown, what: string, path: (string | number)[]): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(ctx, `${what} must be a string`, path);
}

export function loadRulesFromText(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new RuleLoadError(`invalid YAML: ${e.message.split('\n')[0]}`, file, line, undefined);
  }
  let data: unknown;
  try {
    // the yaml library refuses alias expansion past a bound (an alias bomb), with an error
    data = doc.toJS() as unknown;
  } catch (e) {
    throw new RuleLoadError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, file, undefined, undefined);
  }
  const ctx: Ctx = { file, lines, doc, path: [] };
  if (!isObject(data) || !Array.isArray(data.rules)) {
    fail(ctx, 'a rule file needs a top-level `rules:` list');
  }
  for (const key of Object.keys(data)) {
    if (key !== 'rules') fail({ ...ctx, path: [key] }, `unknown top-level key \`${key}\``);
  }
  const rules: Rule[] = [];
  const warnings: RuleLoadError[] = [];
  const seen = new Set<string>();
  (data.rules as unknown[]).forEach((raw, i) => {
    const rctx: Ctx = { ...ctx, path: ['rules', i] };
    const result = parseRule(rctx, raw);
    if ('warning' in result) {
      warnings.push(result.warning);
      return;
    }
    if (seen.has(result.id)) fail({ ...rctx, id: result.id }, 'duplicate rule id in this file');
    seen.add(result.id);
    rules.push(result);
  });
  return { rules, warnings };
}

function parseRule(ctx: Ctx, raw: unknown): Rule | { warning: RuleLoadError } {
  if (!isObject(raw)) fail(ctx, 'each rule must be a mapping');
  if (typeof raw.id !== 'string' || raw.id.trim() === '') fail(ctx, 'rule needs a string `id`');
  ctx = { ...ctx, id: raw.id };
  const p = ctx.path;
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.has(key)) {
      const hint = key === 'match' ? ' (the experimental `match:` syntax is not supported; use patterns/pattern-either)' : '';
      fail(ctx, `unsupported rule key \`${key}\`${hint}`, [...p, key]);
    }
  }
  if (raw.message === undefined) fail(ctx, 'rule needs a `message`');
  const message = str(ctx, raw.message, '`message`', [...p, 'message']);
  if (raw.severity === undefined) fail(ctx, 'rule needs a `severity`');
  const severity = parseSeverity(str(ctx, raw.severity, '`severity`', [...p, 'severity']));
  if (!severity) fail(ctx, `unknown severity ${JSON.stringify(raw.severity)} (use ERROR, WARNING, INFO, or CRITICAL/HIGH/MEDIUM/LOW)`, [...p, 'severity']);
  if (!Array.isArray(raw.languages) || raw.languages.length === 0) fail(ctx, 'rule needs a non-empty `languages` list');
  const languageNames = (raw.languages as unknown[]).map((l, i) => str(ctx, l, 'a language', [...p, 'languages', i]).toLowerCase());
  const languages: LanguageId[] = [];
  const unknown: string[] = [];
  let regexOnly = false;
  for (const name of languageNames) {
    if (TEXT_LANGUAGES.has(name)) {
      regexOnly = true;
      continue;
    }
    const ids = languagesForRuleName(name);
    if (!ids) {
      unknown.push(name);
      continue;
    }
    for (const id of ids) if (!languages.includes(id)) languages.push(id);
  }
  if (languages.length === 0 && !regexOnly) {
    return {
      warning: new RuleLoadError(
        `skipped: redpen does not parse ${unknown.join(', ')} yet (supported: python, javascript, typescript)`,
        ctx.file,
        lineOf(ctx, p),
        ctx.id,
      ),
    };
  }
  const metadata = parseMetadata(ctx, raw.metadata);
  const mode = raw.mode === undefined ? 'search' : str(ctx, raw.mode, '`mode`', [...p, 'mode']);
  if (mode !== 'search' && mode !== 'taint') fail(ctx, `unsupported mode \`${mode}\` (supported: search, taint)`, [...p, 'mode']);
  const formulaKeys = ['pattern', 'patterns', 'pattern-either', 'pattern-regex'].filter((k) => k in raw);
  const taintKeys = ['pattern-sources', 'pattern-sinks', 'pattern-sanitizers', 'pattern-propagators'].filter((k) => k in raw);
  let formula: FormulaSpec | undefined;
  let taint: TaintSpec | undefined;
  if (mode === 'search') {
    if (taintKeys.length > 0) fail(ctx, `\`${taintKeys[0]}\` needs \`mode: taint\``, [...p, taintKeys[0]]);
    if (formulaKeys.length !== 1) {
      fail(ctx, formulaKeys.length === 0
        ? 'rule needs one of pattern, patterns, pattern-either, pattern-regex'
        : `rule has more than one top-level formula (${formulaKeys.join(', ')}); combine them under \`patterns\``);
    }
    formula = parseFormula({ ...ctx, path: [...p] }, formulaKeys[0], raw[formulaKeys[0]]);
  } else {
    if (formulaKeys.length > 0) fail(ctx, `\`${formulaKeys[0]}\` is not allowed in taint mode; use pattern-sources/pattern-sinks`, [...p, formulaKeys[0]]);
    taint = parseTaint(ctx, raw, languages);
  }
  if (regexOnly && formula && !isRegexOnly(formula)) {
    fail(ctx, '`languages: [regex]` / `[generic]` rules may only use pattern-regex and pattern-not-regex here');
  }
  let fix: string | undefined;
  if (raw.fix !== undefined) fix = str(ctx, raw.fix, '`fix`', [...p, 'fix']);
  let fixRegex: Rule['fixRegex'];
  if (raw['fix-regex'] !== undefined) {
    const fr = raw['fix-regex'];
    if (!isObject(fr) || typeof fr.regex !== 'string' || typeof fr.replacement !== 'string') {
      fail(ctx, '`fix-regex` needs `regex` and `replacement` strings', [...p, 'fix-regex']);
    }
    for (const k of Object.keys(fr)) if (!['regex', 'replacement', 'count'].includes(k)) fail(ctx, `unsupported key \`${k}\` in fix-regex`, [...p, 'fix-regex', k]);
    fixRegex = { regex: fr.regex, replacement: fr.replacement, count: typeof fr.count === 'number' ? fr.count : undefined };
  }
  let paths: Rule['paths'];
  if (raw.paths !== undefined) {
    if (!isObject(raw.paths)) fail(ctx, '`paths` must be a mapping with include/exclude', [...p, 'paths']);
    paths = {};
    for (const [k, v] of Object.entries(raw.paths)) {
      if (k !== 'include' && k !== 'exclude') fail(ctx, `unsupported key \`${k}\` in paths (use include/exclude)`, [...p, 'paths', k]);
      const list = Array.isArray(v) ? v : [v];
      paths[k] = list.map((x, i) => str(ctx, x, `paths.${k}`, [...p, 'paths', k, i]));
    }
  }
  const options: Record<string, unknown> = {};
  if (raw.options !== undefined) {
    if (!isObject(raw.options)) fail(ctx, '`options` must be a mapping', [...p, 'options']);
    for (const [k, v] of Object.entries(raw.options)) {
      if (!KNOWN_OPTIONS.has(k)) fail(ctx, `unsupported option \`${k}\``, [...p, 'options', k]);
      options[k] = v;
    }
  }
  const line = lineOf(ctx, p) ?? 1;
  return {
    id: raw.id,
    message: message.trim(),
    severity,
    languageNames,
    languages,
    regexOnly: regexOnly && languages.length === 0,
    metadata,
    mode,
    formula,
    taint,
    fix,
    fixRegex,
    paths,
    options,
    source: { file: ctx.file, line },
  };
}

function isRegexOnly(f: FormulaSpec): boolean {
  switch (f.kind) {
    case 'regex':
      return true;
    case 'pattern':
      return false;
    case 'either':
      return f.children.every(isRegexOnly);
    case 'lang':
      return isRegexOnly(f.formula);
    case 'all':
      return f.items.every((it) =>
        it.kind === 'not-regex' || it.kind === 'metavariable-regex' || it.kind === 'metavariable-comparison' || it.kind === 'focus' || it.kind === 'metavariable-analysis'
          ? true
          : 'formula' in it
            ? isRegexOnly(it.formula)
            : false,
      );
  }
}

function toList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function parseMetadata(ctx: Ctx, raw: unknown): RuleMetadata {
  if (raw === undefined) return {};
  if (!isObject(raw)) fail(ctx, '`metadata` must be a mapping', [...ctx.path, 'metadata']);
  const md: RuleMetadata = { ...raw };
  // CWE and OWASP are lists in our model; Semgrep rules write them as a string or a list
  if ('cwe' in raw) md.cwe = toList(raw.cwe);
  if ('owasp' in raw) md.owasp = toList(raw.owasp);
  if ('references' in raw) md.references = toList(raw.references);
  if ('technology' in raw) md.technology = toList(raw.technology);
  if ('subcategory' in raw) md.subcategory = toList(raw.subcategory);
  for (const k of ['confidence', 'likelihood', 'impact'] as const) {
    if (k in raw) {
      const v = String(raw[k]).toLowerCase();
      if (!['high', 'medium', 'low'].includes(v)) fail(ctx, `metadata.${k} must be HIGH, MEDIUM or LOW`, [...ctx.path, 'metadata', k]);
      md[k] = v as 'high' | 'medium' | 'low';
    }
  }
  if ('category' in raw) md.category = String(raw.category);
  return md;
}

const POSITIVE_KEYS = ['pattern', 'patterns', 'pattern-either', 'pattern-regex'];

/** A formula under a key (`pattern`, `patterns`, `pattern-either`, `pattern-regex`). */
function parseFormula(ctx: Ctx, key: string, value: unknown): FormulaSpec {
  const path = [...ctx.path, key];
  const c = { ...ctx, path };
  switch (key) {
    case 'pattern':
      return { kind: 'pattern', pattern: str(c, value, '`pattern`', path), line: lineOf(ctx, path) };
    case 'pattern-regex':
      checkRegex(c, str(c, value, '`pattern-regex`', path));
      return { kind: 'regex', regex: String(value), line: lineOf(ctx, path) };
    case 'pattern-either': {
      if (!Array.isArray(value) || value.length === 0) fail(c, '`pattern-either` needs a non-empty list');
      return { kind: 'either', children: value.map((v, i) => parseEitherBranch({ ...c, path: [...path, i] }, v)) };
    }
    case 'patterns': {
      if (!Array.isArray(value) || value.length === 0) fail(c, '`patterns` needs a non-empty list');
      const items = value.map((v, i) => parseItem({ ...c, path: [...path, i] }, v));
      if (!items.some((it) => it.kind === 'positive' || it.kind === 'inside')) {
        fail(c, '`patterns` needs at least one positive pattern (pattern, pattern-inside, pattern-either, pattern-regex, patterns)');
      }
      return { kind: 'all', items };
    }
    default:
      return fail(c, `unsupported formula key \`${key}\``);
  }
}

/** A branch of pattern-either: a positive formula, or pattern-inside (Semgrep allows both). */
function parseEitherBranch(ctx: Ctx, v: unknown): FormulaSpec {
  if (!isObject(v)) fail(ctx, 'each pattern-either entry must be a mapping');
  const keys = Object.keys(v);
  if (keys.length !== 1) fail(ctx, `each pattern-either entry needs exactly one key (got ${keys.join(', ') || 'none'})`);
  const key = keys[0];
  if (key === 'pattern-inside') {
    // an inside-branch: represented as an `all` with a single inside item
    return { kind: 'all', items: [{ kind: 'inside', formula: parseInsideValue({ ...ctx, path: [...ctx.path, key] }, v[key]) }] };
  }
  if (!POSITIVE_KEYS.includes(key)) fail(ctx, `\`${key}\` is not allowed in pattern-either`, [...ctx.path, key]);
  return parseFormula(ctx, key, v[key]);
}

function parseInsideValue(ctx: Ctx, v: unknown): FormulaSpec {
  if (typeof v === 'string') return { kind: 'pattern', pattern: v, line: lineOf(ctx, ctx.path) };
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && POSITIVE_KEYS.includes(keys[0])) return parseFormula(ctx, keys[0], v[keys[0]]);
  }
  return fail(ctx, 'expected a pattern string');
}

function checkMetavar(ctx: Ctx, v: unknown, path: (string | number)[]): string {
  const s = str(ctx, v, '`metavariable`', path);
  if (!/^\$(\.\.\.)?[A-Z_][A-Z0-9_]*$/.test(s)) fail(ctx, `\`${s}\` is not a metavariable (expected $NAME)`, path);
  return s;
}

function checkRegex(ctx: Ctx, re: string): void {
  try {
    // compiled as the engine will run it (RE2, else JavaScript after translating Semgrep's dialect)
    RuleRegex.compile(re);
  } catch (e) {
    fail(ctx, `invalid regex ${JSON.stringify(re)}: ${(e as Error).message}`);
  }
}

function parseItem(ctx: Ctx, v: unknown): FormulaItem {
  if (!isObject(v)) fail(ctx, 'each `patterns` entry must be a mapping');
  const keys = Object.keys(v);
  if (keys.length !== 1) fail(ctx, `each \`patterns\` entry needs exactly one key (got ${keys.join(', ') || 'none'})`);
  const key = keys[0];
  const val = v[key];
  const path = [...ctx.path, key];
  const c = { ...ctx, path };
  switch (key) {
    case 'pattern':
    case 'patterns':
    case 'pattern-either':
    case 'pattern-regex':
      return { kind: 'positive', formula: parseFormula(ctx, key, val) };
    case 'pattern-inside':
      return { kind: 'inside', formula: parseInsideValue(c, val) };
    case 'pattern-not':
      return { kind: 'not', formula: parseInsideValue(c, val) };
    case 'pattern-not-inside':
      return { kind: 'not-inside', formula: parseInsideValue(c, val) };
    case 'pattern-not-regex':
      checkRegex(c, str(c, val, '`pattern-not-regex`', path));
      return { kind: 'not-regex', regex: String(val) };
    case 'focus-metavariable': {
      const list = Array.isArray(val) ? val : [val];
      return { kind: 'focus', metavariables: list.map((m, i) => checkMetavar(c, m, Array.isArray(val) ? [...path, i] : path)) };
    }
    case 'metavariable-regex': {
      if (!isObject(val)) fail(c, '`metavariable-regex` needs `metavariable` and `regex`');
      allowKeys(c, val, ['metavariable', 'regex', 'constant-propagation']);
      const re = str(c, val.regex, '`regex`', [...path, 'regex']);
      checkRegex({ ...c, path: [...path, 'regex'] }, re);
      return {
        kind: 'metavariable-regex',
        metavariable: checkMetavar(c, val.metavariable, [...path, 'metavariable']),
        regex: re,
        constantPropagation: val['constant-propagation'] === true,
      };
    }
    case 'metavariable-pattern': {
      if (!isObject(val)) fail(c, '`metavariable-pattern` needs `metavariable` and a pattern');
      allowKeys(c, val, ['metavariable', 'language', ...POSITIVE_KEYS]);
      const fk = POSITIVE_KEYS.filter((k) => k in val);
      if (fk.length !== 1) fail(c, '`metavariable-pattern` needs exactly one of pattern, patterns, pattern-either, pattern-regex');
      return {
        kind: 'metavariable-pattern',
        metavariable: checkMetavar(c, val.metavariable, [...path, 'metavariable']),
        formula: parseFormula(c, fk[0], val[fk[0]]),
        language: val.language === undefined ? undefined : str(c, val.language, '`language`', [...path, 'language']),
      };
    }
    case 'metavariable-comparison': {
      if (!isObject(val)) fail(c, '`metavariable-comparison` needs `comparison`');
      allowKeys(c, val, ['metavariable', 'comparison', 'base', 'strip']);
      return {
        kind: 'metavariable-comparison',
        metavariable: val.metavariable === undefined ? undefined : checkMetavar(c, val.metavariable, [...path, 'metavariable']),
        comparison: str(c, val.comparison, '`comparison`', [...path, 'comparison']),
        base: typeof val.base === 'number' ? val.base : undefined,
        strip: val.strip === true,
      };
    }
    case 'metavariable-analysis': {
      if (!isObject(val)) fail(c, '`metavariable-analysis` needs `metavariable` and `analyzer`');
      allowKeys(c, val, ['metavariable', 'analyzer', 'options']);
      const analyzer = str(c, val.analyzer, '`analyzer`', [...path, 'analyzer']);
      if (analyzer !== 'entropy' && analyzer !== 'redos') fail(c, `unsupported analyzer \`${analyzer}\` (supported: entropy, redos)`);
      let complexity: 'exponential' | 'polynomial' | undefined;
      let anchor: 'start' | 'full' | undefined;
      if (val.options !== undefined) {
        const o = val.options;
        const op = [...path, 'options'];
        if (!isObject(o)) fail(c, '`options` must be a mapping', op);
        allowKeys({ ...c, path: op }, o, analyzer === 'redos' ? ['complexity', 'anchor'] : []);
        if (o.anchor !== undefined) {
          if (o.anchor !== 'start' && o.anchor !== 'full') fail(c, '`options.anchor` must be start or full', [...op, 'anchor']);
          anchor = o.anchor;
        }
        if (o.complexity !== undefined) {
          if (o.complexity !== 'exponential' && o.complexity !== 'polynomial') fail(c, '`options.complexity` must be exponential or polynomial', [...op, 'complexity']);
          complexity = o.complexity;
        }
      }
      return { kind: 'metavariable-analysis', metavariable: checkMetavar(c, val.metavariable, [...path, 'metavariable']), analyzer, ...(complexity ? { complexity } : {}), ...(anchor ? { anchor } : {}) };
    }
    case 'metavariable-type': {
      if (!isObject(val)) fail(c, '`metavariable-type` needs `metavariable` and `type`');
      allowKeys(c, val, ['metavariable', 'type', 'types']);
      const types = toList(val.types ?? val.type);
      if (types.length === 0) fail(c, '`metavariable-type` needs `type` or `types`');
      return { kind: 'metavariable-type', metavariable: checkMetavar(c, val.metavariable, [...path, 'metavariable']), types };
    }
    default:
      return fail(c, `unsupported key \`${key}\` in patterns`);
  }
}

function allowKeys(ctx: Ctx, v: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(ctx, `unsupported key \`${k}\``, [...ctx.path, k]);
}

const TAINT_ENTRY_KEYS = new Set([
  ...POSITIVE_KEYS, 'label', 'requires', 'by-side-effect', 'exact', 'from', 'to', 'focus-metavariable',
  'replace-labels', 'control', 'at-exit', 'not-conflicting', 'concept',
]);

function parseTaint(ctx: Ctx, raw: Record<string, unknown>, languages: LanguageId[]): TaintSpec {
  const spec: TaintSpec = { sources: [], sinks: [], sanitizers: [], propagators: [] };
  const keys: [keyof TaintSpec, string][] = [
    ['sources', 'pattern-sources'],
    ['sinks', 'pattern-sinks'],
    ['sanitizers', 'pattern-sanitizers'],
    ['propagators', 'pattern-propagators'],
  ];
  for (const [field, key] of keys) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) fail(ctx, `\`${key}\` must be a list`, [...ctx.path, key]);
    spec[field] = v.flatMap((e, i) => {
      const c = { ...ctx, path: [...ctx.path, key, i] };
      return isObject(e) && 'concept' in e ? expandConcept(c, e, field, languages) : [parseTaintEntry(c, e, field)];
    });
  }
  if (spec.sources.length === 0) fail(ctx, 'taint rule needs `pattern-sources`');
  if (spec.sinks.length === 0) fail(ctx, 'taint rule needs `pattern-sinks`');
  return spec;
}

/**
 * `{ concept: remote-source }`: every framework model of that concept for the rule's languages,
 * one entry each (so traces can name the framework). Options on the entry apply to each.
 */
function expandConcept(ctx: Ctx, v: Record<string, unknown>, field: keyof TaintSpec, languages: LanguageId[]): TaintSpecEntry[] {
  const concept = str(ctx, v.concept, '`concept`', [...ctx.path, 'concept']);
  for (const k of Object.keys(v)) {
    if (!['concept', 'label', 'requires', 'by-side-effect', 'exact'].includes(k)) fail(ctx, `\`${k}\` cannot be combined with \`concept\``, [...ctx.path, k]);
  }
  let models;
  try {
    models = modelsFor(concept, languages);
  } catch (e) {
    return fail(ctx, (e as Error).message);
  }
  if (models.length === 0) {
    fail(ctx, `no framework model defines concept \`${concept}\` for ${languages.join(', ')} (known concepts: ${knownConcepts().join(', ')})`, [...ctx.path, 'concept']);
  }
  return models.map((m) => {
    const base = parseTaintEntry({ ...ctx, path: [...ctx.path] }, { ...m.formula, ...(m.from ? { from: m.from, to: m.to } : {}) }, field);
    return {
      ...base,
      formula: { kind: 'lang', languages: m.languages, formula: base.formula },
      label: typeof v.label === 'string' ? v.label : (m.label ?? base.label),
      requires: typeof v.requires === 'string' ? v.requires : base.requires,
      bySideEffect: (v['by-side-effect'] as TaintSpecEntry['bySideEffect']) ?? m.bySideEffect ?? base.bySideEffect,
      exact: typeof v.exact === 'boolean' ? v.exact : base.exact,
      description: m.description,
      model: m.id,
    };
  });
}

function parseTaintEntry(ctx: Ctx, v: unknown, field: keyof TaintSpec): TaintSpecEntry {
  if (!isObject(v)) fail(ctx, 'each taint entry must be a mapping');
  for (const k of Object.keys(v)) {
    if (!TAINT_ENTRY_KEYS.has(k)) fail(ctx, `unsupported key \`${k}\` in ${field}`, [...ctx.path, k]);
  }
  if (v.control === true || v['at-exit'] === true) {
    fail(ctx, `\`${v.control ? 'control' : 'at-exit'}\` sinks are not supported`, [...ctx.path, v.control ? 'control' : 'at-exit']);
  }
  if ('replace-labels' in v) fail(ctx, '`replace-labels` is not supported', [...ctx.path, 'replace-labels']);
  const fk = POSITIVE_KEYS.filter((k) => k in v);
  if (fk.length !== 1) fail(ctx, 'each taint entry needs exactly one of pattern, patterns, pattern-either, pattern-regex');
  let formula = parseFormula(ctx, fk[0], v[fk[0]]);
  if (v['focus-metavariable'] !== undefined) {
    const list = Array.isArray(v['focus-metavariable']) ? v['focus-metavariable'] : [v['focus-metavariable']];
    const focus: FormulaItem = {
      kind: 'focus',
      metavariables: list.map((m) => checkMetavar(ctx, m, [...ctx.path, 'focus-metavariable'])),
    };
    formula = { kind: 'all', items: [{ kind: 'positive', formula }, focus] };
  }
  if (field === 'propagators' && (typeof v.from !== 'string' || typeof v.to !== 'string')) {
    fail(ctx, 'each propagator needs `from` and `to` metavariables');
  }
  const bySideEffect = v['by-side-effect'];
  if (bySideEffect !== undefined && bySideEffect !== true && bySideEffect !== false && bySideEffect !== 'only') {
    fail(ctx, '`by-side-effect` must be true, false or only', [...ctx.path, 'by-side-effect']);
  }
  return {
    formula,
    label: typeof v.label === 'string' ? v.label : undefined,
    requires: typeof v.requires === 'string' ? v.requires : undefined,
    bySideEffect: bySideEffect as TaintSpecEntry['bySideEffect'],
    exact: v.exact === true ? true : v.exact === false ? false : undefined,
    from: typeof v.from === 'string' ? v.from : undefined,
    to: typeof v.to === 'string' ? v.to : undefined,
  };
}

