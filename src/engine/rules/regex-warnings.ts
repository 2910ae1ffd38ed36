/**
 * Load-time warnings for the regexes of user rules, from the ReDoS analysis (the one the ReDoS
 * rules run): a regex that can backtrack super-linearly is named with an input that shows it,
 * and with what redpen does about it (engine/regex.ts). Bundled rules are checked by redpen's
 * own tests instead, so loading them costs no analysis.
 */
import type { FormulaSpec, Rule } from '../../core/rule.js';
import { toJsRegex } from '../pattern/compile.js';
import { analyzeRegex } from '../redos.js';
import { DEFAULT_REGEX_TIMEOUT_MS, RuleRegex } from '../regex.js';
import { RuleLoadError } from './load.js';

interface Found {
  regex: string;
  what: string;
  anchored: boolean;
}

function fromFormula(f: FormulaSpec, out: Found[]): void {
  switch (f.kind) {
    case 'regex':
      out.push({ regex: f.regex, what: 'pattern-regex', anchored: false });
      return;
    case 'either':
      for (const c of f.children) fromFormula(c, out);
      return;
    case 'lang':
      fromFormula(f.formula, out);
      return;
    case 'all':
      for (const item of f.items) {
        if (item.kind === 'not-regex') out.push({ regex: item.regex, what: 'pattern-not-regex', anchored: false });
        else if (item.kind === 'metavariable-regex') out.push({ regex: item.regex, what: 'metavariable-regex', anchored: true });
        else if ('formula' in item) fromFormula(item.formula, out);
      }
      return;
    case 'pattern':
      return;
  }
}

export function ruleRegexes(rule: Rule): Found[] {
  const out: Found[] = [];
  if (rule.formula) fromFormula(rule.formula, out);
  if (rule.taint) for (const list of Object.values(rule.taint)) for (const e of list) fromFormula(e.formula, out);
  if (rule.fixRegex) out.push({ regex: rule.fixRegex.regex, what: 'fix-regex', anchored: false });
  return out;
}

/** Warnings for the rule's regexes that the ReDoS analysis finds can backtrack. */
export function regexWarnings(rule: Rule, file: string): RuleLoadError[] {
  const out: RuleLoadError[] = [];
  const seen = new Set<string>();
  for (const r of ruleRegexes(rule)) {
    if (seen.has(r.regex)) continue;
    seen.add(r.regex);
    let engine: RuleRegex['engine'];
    let js: RegExp;
    try {
      engine = RuleRegex.compile(r.regex, { anchored: r.anchored }).engine;
      js = toJsRegex(r.regex);
    } catch {
      continue; // RE2 reads it and JavaScript does not: it runs in linear time
    }
    if (engine === 'bounded') continue;
    const source = r.anchored ? `^(?:${js.source})` : js.source;
    const res = analyzeRegex(source, js.flags);
    // with RE2 only exponential cases are worth a word (other engines, Semgrep's, hang on them)
    if (!res.vulnerable || (engine === 'linear' && res.complexity !== 'exponential')) continue;
    const shown = r.regex.length > 80 ? `${r.regex.slice(0, 77)}...` : r.regex;
    const attack = res.attack ? ` (e.g. on ${res.attack.length > 60 ? `${res.attack.slice(0, 57)}...` : res.attack})` : '';
    const then =
      engine === 'linear'
        ? 'redpen runs it in linear time (RE2), but backtracking engines such as Semgrep’s can hang on it'
        : `it needs a backtracking engine (lookaround or backreferences), so redpen stops it after ${DEFAULT_REGEX_TIMEOUT_MS / 1000} s per file and reports that file as not checked by this rule`;
    out.push(new RuleLoadError(`${r.what} /${shown}/ can backtrack ${res.complexity === 'exponential' ? 'exponentially' : 'polynomially'} (ReDoS)${attack}: ${then}`, file, rule.source?.line, rule.id));
  }
  return out;
}
