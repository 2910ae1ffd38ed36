/**
 * Taint analysis: the annotated fixtures beside this file (one per feature, with flows that
 * must be found and look-alikes that must not), plus traces in every format.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/api.js';
import { loadRulesFromText, RuleLoadError } from '../../src/engine/rules/load.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { textReporter } from '../../src/report/text.js';
import { testRules } from '../../src/testing/ruletest.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('taint fixtures', () => {
  for (const lang of ['python', 'javascript']) {
    it(`${lang}: every annotated flow is found and no look-alike is`, async () => {
      const report = await testRules(path.join(here, lang));
      expect(report.failures.map((f) => `${f.fixture}:${f.line}: ${f.message}`)).toEqual([]);
      expect(report.checks).toBeGreaterThan(30);
    });
  }
});

const RULE = `rules:
  - id: t.sqli
    mode: taint
    message: user input reaches SQL
    severity: ERROR
    languages: [python]
    pattern-sources:
      - concept: remote-source
    pattern-sinks:
      - concept: sql-sink
`;
const CODE = `from flask import request

def view(db):
    name = request.args.get("name")
    q = "SELECT * FROM u WHERE n = '" + name + "'"
    db.execute(q)
`;

describe('taint traces', () => {
  it('carry source, steps and sink in JSON, SARIF codeFlows and text', async () => {
    const rules = loadRulesFromText(RULE, 'r.yaml').rules;
    const result = await scan({ code: CODE, filename: 'view.py' }, { rules, secrets: false });
    expect(result.findings).toHaveLength(1);
    const f = result.findings[0];
    expect(f.kind).toBe('taint');
    expect(f.location.start.line).toBe(6);
    expect(f.trace!.map((s) => [s.kind, s.location.start.line])).toEqual([
      ['source', 4],
      ['step', 4],
      ['step', 5],
      ['sink', 6],
    ]);
    expect(f.trace![0].message).toMatch(/Flask request data/);
    const sarif = JSON.parse(sarifReporter.render(result, { version: 'test' }));
    const flow = sarif.runs[0].results[0].codeFlows[0].threadFlows[0].locations;
    expect(flow.map((l: { location: { physicalLocation: { region: { startLine: number } } } }) => l.location.physicalLocation.region.startLine)).toEqual([4, 4, 5, 6]);
    const text = textReporter.render(result, { version: 'test' });
    expect(text).toMatch(/flow: request\.args:4 → name:4 → q:5 → q:6/);
    const explained = textReporter.render(result, { version: 'test', explain: true });
    expect(explained).toMatch(/1\. source: request\.args: Flask request data/);
    expect(explained).toMatch(/> 6 \|\s+db\.execute\(q\)/);
  });
});

describe('nested sinks', () => {
  it('one flow into nested sinks of a rule is one finding, at the inner sink', async () => {
    const rules = loadRulesFromText(RULE, 'r.yaml').rules;
    const code = `from flask import request
from sqlalchemy import text

def view(conn, other):
    name = request.args.get("name")
    conn.execute(text("SELECT * FROM u WHERE n = '" + name + "'"))
    other.execute("SELECT 1 FROM t WHERE n = '%s'" % name)
`;
    const result = await scan({ code, filename: 'view.py' }, { rules, secrets: false });
    expect(result.findings.map((f) => [f.location.start.line, f.location.start.column])).toEqual([
      [6, 23],
      [7, 19],
    ]);
  });
});

describe('shared models', () => {
  it('rules naming the same concept each get its matches (matched once per file)', async () => {
    const two = `${RULE}${RULE.replace('rules:\n', '').replace('t.sqli', 't.sqli2').replace('user input reaches SQL', 'again')}`;
    const rules = loadRulesFromText(two, 'r.yaml').rules;
    const result = await scan({ code: CODE, filename: 'view.py' }, { rules, secrets: false });
    expect(result.findings.map((f) => `${f.ruleId}:${f.location.start.line}`).sort()).toEqual(['t.sqli2:6', 't.sqli:6']);
  });
});

describe('taint rule syntax', () => {
  const base = (extra: string) => `rules:\n  - id: t\n    mode: taint\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern-sources:\n      - pattern: source()\n    pattern-sinks:\n${extra}`;
  it('rejects what it does not support, naming it', () => {
    for (const [extra, key] of [
      ['      - pattern: sink(...)\n        control: true\n', 'control'],
      ['      - pattern: sink(...)\n        at-exit: true\n', 'at-exit'],
      ['      - pattern: sink(...)\n        whatever: 1\n', 'whatever'],
      ['      - concept: no-such-concept\n', 'no-such-concept'],
    ]) {
      expect(() => loadRulesFromText(base(extra), 'r.yaml')).toThrow(RuleLoadError);
      try {
        loadRulesFromText(base(extra), 'r.yaml');
      } catch (e) {
        expect((e as Error).message).toContain(key);
      }
    }
  });
  it('needs sources and sinks', () => {
    expect(() => loadRulesFromText('rules:\n  - id: t\n    mode: taint\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern-sinks:\n      - pattern: x\n', 'r.yaml')).toThrow(/pattern-sources/);
  });
});

describe('user framework models', () => {
  it('a models folder adds concepts that rules (and bundled concepts) use', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-models-'));
    fs.mkdirSync(path.join(dir, 'models'));
    fs.writeFileSync(path.join(dir, 'models', 'acme.yaml'), `models:
  - id: acme.message
    concept: remote-source
    languages: [python]
    description: a message from the ACME queue (sent by clients)
    pattern: acme.queue.receive(...)
  - id: acme.shell
    concept: acme-shell-sink
    languages: [python]
    description: the ACME job runner executes this as a shell command
    patterns:
      - pattern: acme.jobs.run_shell($CMD)
      - focus-metavariable: $CMD
`);
    fs.writeFileSync(path.join(dir, 'rule.yaml'), `rules:
  - id: acme.command-injection
    mode: taint
    message: a queued message reaches the ACME shell runner
    severity: ERROR
    languages: [python]
    pattern-sources:
      - concept: remote-source
    pattern-sinks:
      - concept: acme-shell-sink
`);
    fs.writeFileSync(path.join(dir, 'worker.py'), 'import acme\n\nmsg = acme.queue.receive()\nacme.jobs.run_shell("convert " + msg.body)\nacme.jobs.run_shell("uptime")\n');
    const { scan: scanApi } = await import('../../src/api.js');
    const r = await scanApi({ paths: [path.join(dir, 'worker.py')] }, { config: [path.join(dir, 'rule.yaml')], models: [path.join(dir, 'models')], cwd: dir, secrets: false });
    expect(r.findings.map((f) => [f.ruleId, f.location.start.line])).toEqual([['acme.command-injection', 4]]);
    expect(r.findings[0].trace![0].message).toMatch(/ACME queue/);
  });
});

describe('bounded cost', () => {
  it('a file past the taint budget is reported and its other findings stand', async () => {
    const { Scanner } = await import('../../src/core/scanner.js');
    const rules = loadRulesFromText(`rules:
  - id: t.sqli
    mode: taint
    message: user input reaches SQL
    severity: ERROR
    languages: [python]
    pattern-sources:
      - pattern: source()
    pattern-sinks:
      - pattern: sink(...)
  - id: t.eval
    message: eval of anything
    severity: WARNING
    languages: [python]
    pattern: eval(...)
`, 'r.yaml').rules;
    const scanner = await Scanner.create({ rules, taintBudget: 200 });
    let body = 'x = source()\n';
    for (let i = 0; i < 8; i++) body += `${'    '.repeat(i)}for v${i} in x:\n${'    '.repeat(i + 1)}x = x + v${i}\n`;
    const code = `def f():\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n    sink(x)\n\neval(y)\n`;
    const r = scanner.scanText('big.py', code);
    expect(r.errors.map((e) => [e.kind, e.level])).toEqual([['timeout', 'warning']]);
    expect(r.errors[0].message).toMatch(/taint analysis gave up/);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['t.eval']);
  });
});

describe('taint finding spans', () => {
  const rule = `rules:
  - id: t.sql
    mode: taint
    message: request data reaches SQL
    severity: ERROR
    languages: [javascript]
    pattern-sources:
      - pattern: req.query
    pattern-sinks:
      - patterns:
          - pattern: $DB.query($Q, ...)
          - focus-metavariable: $Q
`;
  it('start at the argument, or at the call name when it is on an earlier line', async () => {
    const code = [
      'app.get("/", async (req, res) => {',
      '  await db.query("SELECT " + req.query.a);',
      '  await db.query(',
      '    "SELECT " + req.query.b,',
      '  );',
      '  await db',
      '    .query(`SELECT ${req.query.c}`);',
      '});',
      '',
    ].join('\n');
    const rules = loadRulesFromText(rule, 'r.yaml').rules;
    const result = await scan({ code, filename: 'a.js' }, { rules, secrets: false });
    expect(result.findings.map((f) => [f.location.start.line, f.location.start.column, f.location.end.line])).toEqual([
      [2, 18, 2],
      [3, 12, 4],
      [7, 12, 7],
    ]);
  });
});
