import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/api.js';
import { parseSuppression } from '../src/core/suppress.js';
import { findings, pattern, ruleYaml } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('suppression comments', () => {
  it('parses ids and reasons', () => {
    expect(parseSuppression('x = 1  # redpen-ignore', 1)).toMatchObject({ ids: [], standalone: false });
    expect(parseSuppression('# redpen-ignore: a.b, c -- reviewed by sec', 2)).toMatchObject({ ids: ['a.b', 'c'], reason: 'reviewed by sec', standalone: true });
    expect(parseSuppression('foo(); // nosemgrep: rule-x', 3)).toMatchObject({ ids: ['rule-x'] });
    expect(parseSuppression('/* redpen-ignore -- generated */', 4)).toMatchObject({ reason: 'generated', standalone: true });
    expect(parseSuppression('x = "redpen-ignore"', 5)).toBeNull();
  });

  it('covers its line, or the next when alone on its line, and only the named rules', async () => {
    const y = ruleYaml('pattern: eval(...)', 'python', 'py.no-eval');
    const code = [
      'eval(a)  # redpen-ignore',
      '# redpen-ignore: no-eval',
      'eval(b)',
      'eval(c)  # redpen-ignore: other-rule',
      'x = 1  # redpen-ignore',
      'eval(d)',
      '# nosemgrep',
      'eval(e)',
    ].join('\n');
    const fs = await findings(y, code);
    expect(fs.filter((f) => f.suppressed).map((f) => f.location.start.line)).toEqual([1, 3, 8]);
    expect(fs.filter((f) => !f.suppressed).map((f) => f.location.start.line)).toEqual([4, 6]);
  });
});

describe('incomplete snippets', () => {
  it('a snippet cut mid-function still yields the findings of its intact part', async () => {
    const y = pattern('eval($X)');
    const code = 'import os\n\ndef handler(req):\n    data = eval(req.body)\n    if data:\n        return os.path.join(\n';
    const fs = await findings(y, code);
    expect(fs.map((f) => f.location.start.line)).toEqual([4]);
    const js = pattern('eval($X)', 'javascript');
    expect((await findings(js, 'app.get("/", (req, res) => {\n  const v = eval(req.query.x);\n  res.send(v\n', 'javascript')).map((f) => f.location.start.line)).toEqual([2]);
  });
});

describe('library API', () => {
  it('returns the same findings as the CLI', async () => {
    const rules = path.join(root, 'test/fixtures/rules');
    const project = path.join(root, 'test/fixtures/project');
    const api = await scan({ paths: [project] }, { config: [rules], cwd: root });
    const cli = spawnSync(process.execPath, [path.join(root, 'bin/redpen.js'), 'scan', project, '-c', rules, '--no-cache', '-f', 'json'], { cwd: root, encoding: 'utf8' });
    const cliFindings = JSON.parse(cli.stdout).findings;
    expect(api.findings).toEqual(cliFindings);
  });

  it('scans a snippet with an explicit or detected language', async () => {
    const rules = [path.join(root, 'test/fixtures/rules')];
    const a = await scan({ code: 'import yaml\nyaml.load(s)\n', language: 'python' }, { config: rules });
    expect(a.findings.map((f) => f.ruleId)).toEqual(['fixture.yaml-load']);
    const b = await scan({ code: 'const r = eval(input);\n', filename: 'x.js' }, { config: rules });
    expect(b.findings.map((f) => f.ruleId)).toEqual(['fixture.eval-call']);
    await expect(scan({ code: 'x', language: 'cobol' }, { config: rules })).rejects.toThrow(/unknown language/);
  });
});
