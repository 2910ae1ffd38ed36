import type { Finding, LanguageId } from '../../core/types.js';
import type { Doc, Evaluator } from '../formula.js';
import type { CompiledRule } from '../rules/compile.js';

export function runTaint(cr: CompiledRule, _doc: Doc, _lang: LanguageId | null, _hooks: Evaluator): Finding[] {
  throw new Error(`rule ${cr.rule.id}: taint mode is not implemented yet`);
}
