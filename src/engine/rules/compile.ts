/**
 * Rules compiled for matching: patterns parsed per language, prefilters, path filters.
 * Compiling needs the rule languages' grammars loaded (languages/treesitter.ts).
 */
import ignore from 'ignore';
import type { Rule } from '../../core/rule.js';
import type { LanguageId, RuleInfo } from '../../core/types.js';
import { compileFormula, FormulaCompileError, requiredWords, type CFormula } from '../formula.js';
import { RuleRegex } from '../regex.js';
import { RuleLoadError } from './load.js';
import { compileTaint, type CompiledTaint } from '../taint/spec.js';

export interface CompiledRule {
  rule: Rule;
  info: RuleInfo;
  formula?: CFormula;
  taint?: CompiledTaint;
  /** Per language: does a file's word set allow a match at all? (null: no prefilter) */
  prefilter: Map<LanguageId | 'regex', ((words: Set<string>) => boolean) | null>;
  /** Taint rules in a project scan: a file with a source or a sink may hold half of a flow. */
  prefilterInterfile: Map<LanguageId, ((words: Set<string>) => boolean) | null>;
  /** Whether the rule applies to a path (Semgrep `paths:` include/exclude). */
  appliesTo: (relPath: string) => boolean;
  fixRegex?: { re: RuleRegex; replacement: string; count?: number };
}

export function ruleInfo(rule: Rule): RuleInfo {
  const md = rule.metadata;
  const first = rule.message.split(/(?<=[.!?])\s/)[0].replace(/\$[A-Z_][A-Z0-9_]*/g, '…');
  const refs = (md.references ?? []).map((r) => `- ${r}`).join('\n');
  return {
    id: rule.id,
    name: rule.id.split('.').pop() ?? rule.id,
    shortDescription: first.length > 200 ? `${first.slice(0, 197)}...` : first,
    help: refs ? `${rule.message}\n\nReferences:\n${refs}` : rule.message,
    severity: rule.severity,
    languages: rule.languageNames,
    metadata: md,
    helpUri: typeof md.source === 'string' ? md.source : md.references?.[0],
  };
}

function pathFilter(rule: Rule): (p: string) => boolean {
  const inc = rule.paths?.include;
  const exc = rule.paths?.exclude;
  if (!inc?.length && !exc?.length) return () => true;
  const incM = inc?.length ? ignore().add(inc) : null;
  const excM = exc?.length ? ignore().add(exc) : null;
  return (p) => {
    const rel = p.replace(/^\.?\//, '');
    if (!rel || rel.startsWith('..') || rel.startsWith('/')) {
      // outside the project root: match on the file name alone
      const base = p.split('/').pop() ?? p;
      if (incM && !incM.ignores(base)) return false;
      if (excM && excM.ignores(base)) return false;
      return true;
    }
    if (incM && !incM.ignores(rel)) return false;
    if (excM && excM.ignores(rel)) return false;
    return true;
  };
}

export function compileRule(rule: Rule): CompiledRule {
  const fail = (e: unknown): never => {
    if (e instanceof FormulaCompileError) {
      throw new RuleLoadError(e.message, rule.source?.file ?? '<rules>', e.line ?? rule.source?.line, rule.id);
    }
    throw e;
  };
  let formula: CFormula | undefined;
  let taint: CompiledTaint | undefined;
  try {
    if (rule.formula) formula = compileFormula(rule.formula, rule.languages);
    if (rule.taint) taint = compileTaint(rule.taint, rule.languages, rule.options);
  } catch (e) {
    fail(e);
  }
  const prefilter = new Map<LanguageId | 'regex', ((w: Set<string>) => boolean) | null>();
  const prefilterInterfile = new Map<LanguageId, ((w: Set<string>) => boolean) | null>();
  if (formula) {
    for (const l of rule.languages) prefilter.set(l, requiredWords(formula, l));
    if (rule.regexOnly) prefilter.set('regex', requiredWords(formula, null));
  } else if (taint) {
    for (const l of rule.languages) {
      prefilter.set(l, taint.prefilter(l, 'both'));
      prefilterInterfile.set(l, taint.prefilter(l, 'either'));
    }
  }
  let fixRegex: CompiledRule['fixRegex'];
  if (rule.fixRegex) {
    fixRegex = { re: RuleRegex.compile(rule.fixRegex.regex), replacement: rule.fixRegex.replacement.replace(/\\(\d)/g, '$$$1'), count: rule.fixRegex.count };
  }
  return { rule, info: ruleInfo(rule), formula, taint, prefilter, prefilterInterfile, appliesTo: pathFilter(rule), fixRegex };
}
