/**
 * `redpen test`: each rule file against the fixture(s) beside it, as `semgrep --test` does.
 *
 * Annotations are comments: `ruleid: <id>[, <id>]` (must match), `ok: <id>` (must not),
 * `todoruleid: <id>` (a known miss: must not match yet) and `todook: <id>` (a known false
 * alarm: matches for now). An annotation alone on its line applies to the next line that is
 * neither blank nor a comment; at the end of a code line it applies to that line. Every
 * finding must fall on a line expecting it. A `<base>.fixed.<ext>` file, when present, must
 * equal the fixture with every fix applied.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Scanner } from '../core/scanner.js';
import type { Finding } from '../core/types.js';
import { ruleFiles } from '../config/rules.js';
import { loadRulesFromText, RuleLoadError } from '../engine/rules/load.js';
import { applyFixes } from '../review/apply.js';

export interface Annotation {
  kind: 'ruleid' | 'ok' | 'todoruleid' | 'todook';
  ids: string[];
  /** 1-based line the annotation applies to. */
  line: number;
}

const ANNOT = /(?:#|\/\/|<!--|\/\*|\{\/\*|--)\s*(todoruleid|todook|ruleid|ok)\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*)/g;
const COMMENT_ONLY = /^\s*(#|\/\/|<!--|\/\*|\*|\{\/\*|--)/;

export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const out: Annotation[] = [];
  let pending: Omit<Annotation, 'line'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const found: Omit<Annotation, 'line'>[] = [];
    for (const m of line.matchAll(ANNOT)) {
      found.push({ kind: m[1] as Annotation['kind'], ids: m[2].split(',').map((s) => s.trim()).filter(Boolean) });
    }
    const trimmed = line.trim();
    const commentOnly = trimmed === '' || COMMENT_ONLY.test(line);
    if (found.length > 0 && commentOnly) {
      pending.push(...found);
      continue;
    }
    if (commentOnly) continue;
    // a code line: pending annotations and trailing ones apply here
    for (const a of [...pending, ...found]) out.push({ ...a, line: i + 1 });
    pending = [];
  }
  return out;
}

export interface TestFailure {
  ruleFile: string;
  ruleId?: string;
  fixture?: string;
  line?: number;
  message: string;
}

export interface TestReport {
  ruleFiles: number;
  rules: number;
  fixtures: number;
  checks: number;
  failures: TestFailure[];
  /** Rules with known gaps (todoruleid/todook), for information. */
  todos: number;
}

function fixtureFor(ruleFile: string, entries: string[]): string[] {
  const base = path.basename(ruleFile).replace(/\.ya?ml$/i, '');
  return entries
    .filter((e) => e.startsWith(`${base}.`) && !/\.ya?ml$/i.test(e) && !e.includes('.fixed.'))
    .filter((e) => e.slice(base.length + 1).length > 0)
    .sort();
}

/**
 * Check every rule file under `target` against its fixtures. Findings are not merged into
 * related ones (`relate: false`): each rule's own matches are what its annotations check.
 */
export async function testRules(target: string, scannerFor: (rules: import('../core/rule.js').Rule[]) => Promise<Scanner> = (rules) => Scanner.create({ rules, relate: false })): Promise<TestReport> {
  const report: TestReport = { ruleFiles: 0, rules: 0, fixtures: 0, checks: 0, failures: [], todos: 0 };
  const st = await fs.stat(target);
  const files = st.isDirectory() ? await ruleFiles(target) : [target];
  const dirCache = new Map<string, string[]>();
  for (const file of files) {
    const rel = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
    report.ruleFiles++;
    let loaded;
    try {
      loaded = loadRulesFromText(await fs.readFile(file, 'utf8'), rel);
    } catch (e) {
      report.failures.push({ ruleFile: rel, message: e instanceof RuleLoadError ? e.message : String(e) });
      continue;
    }
    if (loaded.rules.length === 0) continue;
    report.rules += loaded.rules.length;
    const dir = path.dirname(file);
    let entries = dirCache.get(dir);
    if (!entries) dirCache.set(dir, (entries = await fs.readdir(dir)));
    const fixtures = fixtureFor(file, entries);
    if (fixtures.length === 0) {
      report.failures.push({ ruleFile: rel, message: `no fixture beside the rule file (expected ${path.basename(file).replace(/\.ya?ml$/i, '')}.<ext>)` });
      continue;
    }
    let scanner: Scanner;
    try {
      scanner = await scannerFor(loaded.rules);
    } catch (e) {
      report.failures.push({ ruleFile: rel, message: (e as Error).message });
      continue;
    }
    const ids = new Set(loaded.rules.map((r) => r.id));
    const annotated = new Set<string>();
    for (const fx of fixtures) {
      report.fixtures++;
      const fxPath = path.join(dir, fx);
      const fxRel = path.relative(process.cwd(), fxPath).split(path.sep).join('/');
      const text = await fs.readFile(fxPath, 'utf8');
      const result = scanner.scanText(fxRel, text);
      for (const e of result.errors) {
        if (e.level === 'error' || e.kind === 'rule') report.failures.push({ ruleFile: rel, fixture: fxRel, message: `scan error: ${e.message}` });
      }
      const annotations = parseAnnotations(text);
      for (const a of annotations) for (const id of a.ids) {
        if (!ids.has(id)) report.failures.push({ ruleFile: rel, fixture: fxRel, line: a.line, message: `annotation names unknown rule ${id}` });
        annotated.add(id);
        if (a.kind.startsWith('todo')) report.todos++;
      }
      for (const id of ids) checkRule(report, rel, fxRel, id, annotations, result.findings.filter((f) => f.ruleId === id && !f.suppressed));
      const fixed = fxPath.replace(/(\.[^.]+)$/, '.fixed$1');
      if (entries.includes(path.basename(fixed))) {
        const want = await fs.readFile(fixed, 'utf8');
        const got = applyFixes(text, result.findings, fxRel).text;
        report.checks++;
        if (got !== want) {
          report.failures.push({ ruleFile: rel, fixture: fxRel, message: `applying the fixes does not give ${path.basename(fixed)}:\n${firstDifference(want, got)}` });
        }
      }
    }
    for (const id of ids) {
      if (!annotated.has(id)) report.failures.push({ ruleFile: rel, ruleId: id, message: `rule ${id} has no ruleid:/ok: annotations in its fixture` });
    }
  }
  return report;
}

function checkRule(report: TestReport, ruleFile: string, fixture: string, id: string, annotations: Annotation[], findings: Finding[]): void {
  const mine = annotations.filter((a) => a.ids.includes(id));
  const expected = new Map<number, Annotation['kind']>();
  const notExpected = new Map<number, Annotation['kind']>();
  for (const a of mine) {
    if (a.kind === 'ruleid' || a.kind === 'todook') expected.set(a.line, a.kind);
    else notExpected.set(a.line, a.kind);
  }
  const found = new Set(findings.map((f) => f.location.start.line));
  for (const [line, kind] of expected) {
    report.checks++;
    if (!found.has(line)) {
      report.failures.push({
        ruleFile, ruleId: id, fixture, line,
        message: kind === 'ruleid' ? `expected ${id} to match (ruleid) but it did not` : `${id} no longer matches this todook line: make it ok:`,
      });
    }
  }
  for (const line of [...found].sort((a, b) => a - b)) {
    if (expected.has(line)) continue;
    report.checks++;
    const kind = notExpected.get(line);
    report.failures.push({
      ruleFile, ruleId: id, fixture, line,
      message:
        kind === 'ok' ? `${id} matched a line annotated ok: (false alarm)`
        : kind === 'todoruleid' ? `${id} now matches this todoruleid line: make it ruleid:`
        : `${id} matched a line with no annotation (annotate it ruleid: or fix the rule)`,
    });
  }
  for (const [line] of notExpected) if (!found.has(line)) report.checks++;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `  line ${i + 1}:\n    expected: ${JSON.stringify(al[i] ?? '<end>')}\n    got:      ${JSON.stringify(bl[i] ?? '<end>')}`;
  }
  return '  (whitespace at the end differs)';
}

export function formatTestReport(r: TestReport): string {
  const lines: string[] = [];
  for (const f of r.failures) {
    const where = [f.fixture ?? f.ruleFile, f.line ? String(f.line) : ''].filter(Boolean).join(':');
    lines.push(`FAIL ${where}: ${f.message}`);
  }
  const status = r.failures.length === 0 ? 'ok' : `${r.failures.length} failure${r.failures.length === 1 ? '' : 's'}`;
  lines.push(`${r.rules} rules in ${r.ruleFiles} files, ${r.fixtures} fixtures, ${r.checks} checks${r.todos ? `, ${r.todos} todo annotations` : ''}: ${status}`);
  return `${lines.join('\n')}\n`;
}
