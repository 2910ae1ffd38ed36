/**
 * The bundled rule pack's conventions, checked in tests, and its generated documentation.
 *
 * Severity scheme (documented in docs/rules.md): impact and likelihood (HIGH=3, MEDIUM=2,
 * LOW=1) add up to a score; 6 is critical, 5 high, 4 medium, 3 or less low. Confidence does
 * not change severity; low-confidence rules belong in the opt-in `audit` pack.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Rule } from '../core/rule.js';
import type { Severity } from '../core/types.js';
import { ruleFiles } from '../config/rules.js';
import { loadRulesFromText } from '../engine/rules/load.js';
import { parseAnnotations } from './ruletest.js';

const LEVEL: Record<string, number> = { high: 3, medium: 2, low: 1 };

export function schemeSeverity(impact: string | undefined, likelihood: string | undefined): Severity | null {
  if (!impact || !likelihood) return null;
  const score = (LEVEL[impact] ?? 0) + (LEVEL[likelihood] ?? 0);
  if (score >= 6) return 'critical';
  if (score === 5) return 'high';
  if (score === 4) return 'medium';
  return 'low';
}

export interface PackRule {
  rule: Rule;
  file: string;
  fixtures: string[];
  ruleid: number;
  ok: number;
  todo: number;
}

/** Every bundled rule with its fixture annotation counts. */
export async function readPack(dir: string): Promise<PackRule[]> {
  const out: PackRule[] = [];
  for (const file of await ruleFiles(dir)) {
    const { rules } = loadRulesFromText(await fs.readFile(file, 'utf8'), path.relative(dir, file));
    const base = path.basename(file).replace(/\.ya?ml$/, '');
    const entries = await fs.readdir(path.dirname(file));
    const fixtures = entries.filter((e) => e.startsWith(`${base}.`) && !/\.ya?ml$/.test(e) && !e.includes('.fixed.')).map((e) => path.join(path.dirname(file), e));
    const annotations = (await Promise.all(fixtures.map(async (f) => parseAnnotations(await fs.readFile(f, 'utf8'))))).flat();
    for (const rule of rules) {
      const mine = annotations.filter((a) => a.ids.includes(rule.id));
      out.push({
        rule,
        file: path.relative(dir, file).split(path.sep).join('/'),
        fixtures: fixtures.map((f) => path.relative(dir, f).split(path.sep).join('/')),
        ruleid: mine.filter((a) => a.kind === 'ruleid').length,
        ok: mine.filter((a) => a.kind === 'ok').length,
        todo: mine.filter((a) => a.kind.startsWith('todo')).length,
      });
    }
  }
  return out.sort((a, b) => a.rule.id.localeCompare(b.rule.id));
}

/** Problems with a rule against the pack's conventions (empty when it conforms). */
export function checkPackRule(p: PackRule): string[] {
  const problems: string[] = [];
  const md = p.rule.metadata;
  for (const k of ['cwe', 'owasp', 'confidence', 'likelihood', 'impact', 'references', 'technology', 'category'] as const) {
    const v = md[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) problems.push(`metadata.${k} is missing`);
  }
  const want = schemeSeverity(md.impact as string | undefined, md.likelihood as string | undefined);
  if (want && p.rule.severity !== want) problems.push(`severity is ${p.rule.severity}; impact ${md.impact} + likelihood ${md.likelihood} make it ${want}`);
  if (p.ruleid < 3) problems.push(`fixture has ${p.ruleid} ruleid: cases (at least 3)`);
  if (p.ok < 3) problems.push(`fixture has ${p.ok} ok: cases (at least 3)`);
  if (p.rule.message.length < 80) problems.push('message is too short to say what, why and what to do instead');
  const expectedDir = p.rule.languages.includes('python') ? 'python' : 'javascript';
  if (!p.file.startsWith(`${expectedDir}/`)) problems.push(`file should live under rules/${expectedDir}/`);
  const name = path.basename(p.file).replace(/\.ya?ml$/, '');
  if (!p.rule.id.endsWith(name)) problems.push(`rule id ${p.rule.id} should end with its file name ${name}`);
  return problems;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** docs/rules.md, generated from the YAML (a test fails when the committed copy is stale). */
export function rulesMarkdown(pack: PackRule[]): string {
  const lines: string[] = [
    '# Rules',
    '',
    '<!-- Generated from rules/**/*.yaml by `npm run docs`; do not edit by hand. -->',
    '',
    '## Severity scheme',
    '',
    'Each rule states the impact and likelihood of the flaw it finds (HIGH = 3, MEDIUM = 2, LOW = 1).',
    'Their sum sets the severity: 6 is **critical**, 5 **high**, 4 **medium**, 3 or less **low**.',
    'Confidence (how often a match is a real flaw) does not change severity; rules with low confidence',
    'or a measured false-alarm rate that is too high live in the opt-in `audit` pack instead of `recommended`.',
    '',
    '## Packs',
    '',
    `- \`recommended\` (default): ${pack.filter((p) => (p.rule.metadata.pack ?? 'recommended') === 'recommended').length} rules`,
    `- \`audit\` (opt-in, \`--config audit\`): ${pack.filter((p) => p.rule.metadata.pack === 'audit').length} rules`,
    '',
  ];
  const byCategory = new Map<string, PackRule[]>();
  for (const p of pack) {
    const c = String(p.rule.metadata.category ?? 'security');
    const list = byCategory.get(c) ?? [];
    list.push(p);
    byCategory.set(c, list);
  }
  for (const [category, list] of [...byCategory].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`## ${category}`, '', '| rule | languages | severity | CWE | pack | fix |', '| --- | --- | --- | --- | --- | --- |');
    for (const p of list) {
      const cwe = ((p.rule.metadata.cwe as string[] | undefined) ?? []).map((c) => (/CWE-\d+/.exec(c) ?? [c])[0]).join(', ');
      lines.push(`| [\`${p.rule.id}\`](#${anchor(p.rule.id)}) | ${p.rule.languageNames.join(', ')} | ${p.rule.severity} | ${cwe} | ${p.rule.metadata.pack ?? 'recommended'} | ${p.rule.fix || p.rule.fixRegex ? 'yes' : ''} |`);
    }
    lines.push('');
  }
  lines.push('## Details', '');
  for (const p of pack) {
    const md = p.rule.metadata;
    lines.push(`### ${p.rule.id}`, '');
    lines.push(cell(p.rule.message), '');
    lines.push(
      `- severity: ${p.rule.severity} (impact ${md.impact ?? '?'}, likelihood ${md.likelihood ?? '?'}, confidence ${md.confidence ?? '?'})`,
      `- CWE: ${((md.cwe as string[] | undefined) ?? []).join('; ')}`,
      `- OWASP: ${((md.owasp as string[] | undefined) ?? []).join('; ')}`,
      `- languages: ${p.rule.languageNames.join(', ')}; technology: ${((md.technology as string[] | undefined) ?? []).join(', ')}`,
      `- rule: \`rules/${p.file}\`; fixtures: ${p.fixtures.map((f) => `\`rules/${f}\``).join(', ')} (${p.ruleid} ruleid, ${p.ok} ok${p.todo ? `, ${p.todo} todo` : ''})`,
    );
    if (p.rule.mode === 'taint') lines.push('- mode: taint');
    if (p.rule.fix || p.rule.fixRegex) lines.push('- has an automatic fix');
    for (const r of (md.references as string[] | undefined) ?? []) lines.push(`- <${r}>`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}
