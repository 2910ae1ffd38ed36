/**
 * Issue 13, item 5: memory per document is bounded. A 0.9 MB minified bundle ran redpen out of
 * memory: every finding quoted its line (and every trace step its own), and in minified code
 * the line is the file, so a thousand findings were gigabytes once copied out of the scanner
 * (to the worker pool's caller, a report, a cache entry). The shape here is that one: a single
 * line of many statements with a finding each. Past the text, a document whose syntax tree or
 * candidate matches exceed the per-document budget becomes an error in the result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scanner } from '../../src/core/scanner.js';
import { SNIPPET_LINE_MAX } from '../../src/core/bound.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { textReporter } from '../../src/report/text.js';
import { assemble } from '../../src/runner/index.js';
import { ruleInfo } from '../../src/engine/rules/compile.js';
import { redpen } from './cli.js';

const RULES = `rules:
  - id: test.eval
    message: eval of $X
    severity: ERROR
    languages: [javascript]
    pattern: eval($X)
  - id: test.hash-to-write
    message: the URL fragment reaches document.write
    severity: ERROR
    languages: [javascript]
    mode: taint
    pattern-sources:
      - pattern: location.hash
    pattern-sinks:
      - pattern: document.write($X)
`;

/** A minified bundle: one line of `n` statement groups, each with an eval and a tainted write. */
function bundle(n: number): string {
  const parts: string[] = ['!function(){'];
  for (let i = 0; i < n; i++) parts.push(`var a${i}=location.hash;document.write(a${i});eval(a${i}+${i});`);
  parts.push('}();');
  return parts.join('');
}

let dir: string;
let scanner: Scanner;
const rules = loadRulesFromText(RULES, 'rules.yaml').rules;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-memory-'));
  fs.writeFileSync(path.join(dir, 'rules.yaml'), RULES);
  scanner = await Scanner.create({ rules });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a long minified line with many findings', () => {
  const text = bundle(3000);

  it('keeps every finding, each quoting a bounded window of the line', () => {
    expect(text.length).toBeGreaterThan(150_000);
    const r = scanner.scanText('bundle.min.js', text);
    expect(r.errors).toEqual([]);
    const byRule = (id: string) => r.findings.filter((f) => f.ruleId === id).length;
    expect(byRule('test.eval')).toBe(3000);
    expect(byRule('test.hash-to-write')).toBe(3000);
    for (const f of r.findings) {
      expect(f.snippet.length).toBeLessThanOrEqual(SNIPPET_LINE_MAX + 2);
      for (const s of f.trace ?? []) expect(s.snippet?.length ?? 0).toBeLessThanOrEqual(SNIPPET_LINE_MAX + 2);
      for (const m of Object.values(f.metavars ?? {})) expect(m.text.length).toBeLessThanOrEqual(2_000);
    }
    // the whole result in proportion to its findings, not to findings times the line
    expect(JSON.stringify(r).length).toBeLessThan(r.findings.length * 5_000);
  });

  it('a window still shows the span: the snippet holds the matched code where its column says', () => {
    const r = scanner.scanText('bundle.min.js', text);
    const last = r.findings.filter((f) => f.ruleId === 'test.eval').at(-1)!;
    expect(last.snippetFrom).toBeGreaterThan(1);
    const col = last.location.start.column - last.snippetFrom! + 2;
    expect(last.snippet.slice(col - 1)).toMatch(/^eval\(a2999\+2999\)/);
    const out = textReporter.render(assemble([{ ...r, findings: [last] }], [], rules.map(ruleInfo), undefined, ['bundle.min.js'], 0), { color: false, version: 'test' });
    // the code frame underlines `eval(...)` in the window, not some other column
    const frame = out.split('\n').find((l) => l.includes('eval(a2999+2999)'))!;
    const carets = out.split('\n')[out.split('\n').indexOf(frame) + 1];
    expect(frame.indexOf('eval(a2999+2999)')).toBe(carets.indexOf('^'));
  });

  it('through the CLI and its worker pool (a file over the pool threshold), the report is whole', () => {
    const file = path.join(dir, 'big.min.js');
    fs.writeFileSync(file, bundle(8000));
    expect(fs.statSync(file).size).toBeGreaterThan(400_000);
    const out = path.join(dir, 'out.json');
    const r = redpen(['scan', file, '--config', path.join(dir, 'rules.yaml'), '--format', 'json', '-o', out, '--no-cache', '--no-deps', '--no-secrets', '-j', '2']);
    expect(r.stderr).not.toMatch(/fatal|internal error|heap/i);
    expect(r.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { findings: unknown[]; errors: unknown[] };
    expect(report.findings).toHaveLength(16_000);
    expect(report.errors).toEqual([]);
    expect(fs.statSync(out).size).toBeLessThan(16_000 * 5_000);
  });
});

describe('the per-document budget', () => {
  it('a syntax tree over the node budget is an error with the reason, not a dead process', async () => {
    const small = await Scanner.create({ rules, maxNodes: 5_000 });
    const r = small.scanText('bundle.min.js', bundle(500));
    expect(r.findings).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ kind: 'too-large', level: 'error', message: expect.stringMatching(/more than 5000 nodes/) })]);
  });

  it('candidate matches over the bindings budget end the rule on that file with the reason; other rules still run', async () => {
    const small = await Scanner.create({ rules, maxBindings: 100 });
    const r = small.scanText('bundle.min.js', bundle(500));
    expect(r.errors).toContainEqual(expect.objectContaining({ ruleId: 'test.eval', message: expect.stringMatching(/rule test\.eval gave up: more than 100 candidate matches/) }));
    expect(r.findings.filter((f) => f.ruleId === 'test.eval')).toEqual([]);
  });
});
