import { Scanner } from '../src/core/scanner.js';
import type { Finding, LanguageId } from '../src/core/types.js';
import { loadRulesFromText } from '../src/engine/rules/load.js';

/** A rule file with one rule around the given formula YAML (indented under the rule). */
export function ruleYaml(body: string, languages = 'python', id = 'test.rule', message = 'found $X'): string {
  const indented = body.trim().split('\n').map((l) => `    ${l}`).join('\n');
  return `rules:\n  - id: ${id}\n    message: ${JSON.stringify(message)}\n    severity: WARNING\n    languages: [${languages}]\n${indented}\n`;
}

const cache = new Map<string, Promise<Scanner>>();

export function scannerFor(yaml: string): Promise<Scanner> {
  let s = cache.get(yaml);
  if (!s) {
    s = Scanner.create({ rules: loadRulesFromText(yaml, 'test.yaml').rules });
    cache.set(yaml, s);
  }
  return s;
}

/** Lines (1-based) where the rule matched. */
export async function matchLines(yaml: string, code: string, language: LanguageId = 'python'): Promise<number[]> {
  const scanner = await scannerFor(yaml);
  const r = scanner.scanText(`t.${language === 'python' ? 'py' : language === 'javascript' ? 'js' : language === 'tsx' ? 'tsx' : 'ts'}`, code, language);
  const errs = r.errors.filter((e) => e.kind !== 'parse');
  if (errs.length > 0) throw new Error(errs.map((e) => e.message).join('; '));
  return r.findings.filter((f) => !f.suppressed).map((f) => f.location.start.line);
}

export async function findings(yaml: string, code: string, language: LanguageId = 'python'): Promise<Finding[]> {
  const scanner = await scannerFor(yaml);
  return scanner.scanText(`t.${language === 'python' ? 'py' : 'js'}`, code, language).findings;
}

/** Shorthand: a single `pattern:` rule. */
export function pattern(p: string, languages = 'python'): string {
  return ruleYaml(`pattern: |\n${p.split('\n').map((l) => `  ${l}`).join('\n')}`, languages);
}
