/**
 * The `redpen` command as users run it (the built CLI in a child process): exit codes,
 * formats, stdin, embedded code, snapshots of what users see.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'redpen.js');
const rules = 'test/fixtures/rules';
const project = 'test/fixtures/project';

export function redpen(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? root,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Snapshots must not depend on the version or the machine. */
function redact(s: string): string {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  return s
    .split(version).join('<version>')
    .split(`file://${root}`).join('file://<root>')
    .split(root).join('<root>')
    .replace(/"durationMs": \d+/g, '"durationMs": 0');
}

// CommonJS packages whose module.exports is the class (typed through their default export)
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

let sarifValidate: ValidateFunction;
let jsonValidate: ValidateFunction;

beforeAll(() => {
  const sarifSchema = JSON.parse(fs.readFileSync(path.join(root, 'test/data/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv4 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv4 as never);
  sarifValidate = ajv4.compile(sarifSchema);
  const outSchema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/redpen-output.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  jsonValidate = ajv.compile(outSchema);
});

describe('redpen scan', () => {
  it('text output: frames, summary, errors; exit 1 with findings', () => {
    const r = redpen(['scan', project, '-c', rules, '--no-cache']);
    expect(r.code).toBe(1);
    expect(redact(r.stdout)).toMatchSnapshot();
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when not a TTY
  });

  it('json output validates against the documented schema', () => {
    const r = redpen(['scan', project, '-c', rules, '--no-cache', '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    const ok = jsonValidate(data);
    expect(jsonValidate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(data.stats.files).toBe(8);
    expect(redact(r.stdout)).toMatchSnapshot();
  });

  it('sarif output validates against the official SARIF 2.1.0 schema', () => {
    const r = redpen(['scan', project, '-c', rules, '--no-cache', '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    const ok = sarifValidate(log);
    expect(sarifValidate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'fixture.eval-call');
    expect(rule.properties.tags).toContain('external/cwe/cwe-095');
    expect(rule.properties.cwe).toEqual(['CWE-95']);
    expect(rule.properties['security-severity']).toBe('8.0');
    expect(rule.properties.precision).toBe('high');
    expect(rule.help.text).toContain('eval');
    const suppressed = run.results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions[0]).toMatchObject({ kind: 'inSource', justification: 'expr is a constant in tests' });
    for (const res of run.results) expect(res.partialFingerprints['redpen/v1']).toMatch(/^[0-9a-f]{32}$/);
    const withFix = run.results.find((x: { fixes?: unknown[] }) => x.fixes);
    expect(withFix.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('yaml.safe_load(open(path))');
    // the binary file, the syntax error, and the registry check a scan does not run offline
    expect(run.invocations[0].toolExecutionNotifications.length).toBe(3);
    expect(redact(r.stdout)).toMatchSnapshot();
  });

  it('fingerprints are stable when lines shift', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-fp-'));
    const code = fs.readFileSync(path.join(root, project, 'src/app.py'), 'utf8');
    fs.writeFileSync(path.join(dir, 'app.py'), code);
    const a = JSON.parse(redpen(['scan', 'app.py', '-c', path.join(root, rules), '--no-cache', '-f', 'json'], { cwd: dir }).stdout);
    fs.writeFileSync(path.join(dir, 'app.py'), `# a comment\n\n\n${code}`);
    const b = JSON.parse(redpen(['scan', 'app.py', '-c', path.join(root, rules), '--no-cache', '-f', 'json'], { cwd: dir }).stdout);
    expect(b.findings.map((f: { location: { start: { line: number } } }) => f.location.start.line)).toEqual(
      a.findings.map((f: { location: { start: { line: number } } }) => f.location.start.line + 3),
    );
    expect(b.findings.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(a.findings.map((f: { fingerprint: string }) => f.fingerprint));
  });

  it('severity threshold filters and sets the exit code', () => {
    const high = redpen(['scan', `${project}/src/app.py`, '-c', rules, '--no-cache', '--severity', 'high', '-f', 'json']);
    const data = JSON.parse(high.stdout);
    expect(data.findings.every((f: { severity: string }) => f.severity === 'high')).toBe(true);
    expect(data.stats.belowThreshold).toBe(2);
    expect(high.code).toBe(1);
    const none = redpen(['scan', `${project}/src/app.py`, '-c', rules, '--no-cache', '--severity', 'critical']);
    expect(none.code).toBe(0);
    const failOnNone = redpen(['scan', `${project}/src/app.py`, '-c', rules, '--no-cache', '--fail-on', 'none']);
    expect(failOnNone.code).toBe(0);
  });

  it('exit 0 when nothing is found', () => {
    const r = redpen(['scan', '-', '--lang', 'python', '-c', rules], { input: 'print("hello")\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 findings');
  });

  it('stdin with --lang and with language detection', () => {
    const js = redpen(['scan', '-', '--lang', 'js', '-c', rules, '-f', 'json'], { input: 'const x = eval(input);\n' });
    expect(JSON.parse(js.stdout).findings[0].location).toMatchObject({ path: '-', start: { line: 1, column: 11 } });
    const sniffed = redpen(['scan', '-', '-c', rules, '-f', 'json'], { input: 'import yaml\n\ndef f(p):\n    return yaml.load(p)\n' });
    expect(JSON.parse(sniffed.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['fixture.yaml-load']);
    const chat = redpen(['scan', '-', '-c', rules, '-f', 'json'], { input: 'Sure! Try this:\n\n```\nresult = eval(expr)\n```\n' });
    expect(JSON.parse(chat.stdout).findings[0].location.start.line).toBe(4);
  });

  it('usage errors exit 2', () => {
    expect(redpen(['scan', '--format', 'xml']).code).toBe(2);
    expect(redpen(['scan', project, '--severity', 'loud']).code).toBe(2);
    expect(redpen(['scan', project, '-c', 'no/such/rules.yaml']).code).toBe(2);
    expect(redpen(['frobnicate']).code).toBe(2);
  });

  it('an invalid rule exits 2 naming the rule and the key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-bad-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'rules:\n  - id: bad-rule\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern: x\n    pattern-sources: []\n');
    const r = redpen(['scan', project, '-c', path.join(dir, 'bad.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-rule/);
    expect(r.stderr).toMatch(/pattern-sources/);
  });

  it('writes a report to --output', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-out-')), 'r.sarif');
    const r = redpen(['scan', `${project}/src/app.py`, '-c', rules, '--no-cache', '-f', 'sarif', '-o', out]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('the cache makes a second scan reuse results', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-cache-'));
    const first = JSON.parse(redpen(['scan', project, '-c', rules, '--cache-dir', cache, '-f', 'json']).stdout);
    const second = JSON.parse(redpen(['scan', project, '-c', rules, '--cache-dir', cache, '-f', 'json']).stdout);
    expect(first.stats.filesCached).toBe(0);
    expect(second.stats.filesCached).toBeGreaterThanOrEqual(6);
    expect(second.findings).toEqual(first.findings);
  });

  it('runs in parallel with the same output as serial', () => {
    const serial = JSON.parse(redpen(['scan', project, '-c', rules, '--no-cache', '-f', 'json', '-j', '1']).stdout);
    const parallel = JSON.parse(redpen(['scan', project, '-c', rules, '--no-cache', '-f', 'json', '-j', '2']).stdout);
    expect(parallel.findings).toEqual(serial.findings);
    expect(parallel.errors).toEqual(serial.errors);
  });

  it('project configuration: environments set the failure threshold', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-cfg-'));
    fs.writeFileSync(path.join(dir, 'app.py'), 'import hashlib\nhashlib.md5(b"x")\n');
    fs.writeFileSync(
      path.join(dir, '.redpen.yml'),
      `rules: [${JSON.stringify(path.join(root, rules))}]\nseverity: info\nenvironments:\n  production: { fail-on: low }\n  development: { fail-on: none }\n`,
    );
    expect(redpen(['scan', '.', '--no-cache', '--env', 'production'], { cwd: dir }).code).toBe(1);
    expect(redpen(['scan', '.', '--no-cache', '--env', 'development'], { cwd: dir }).code).toBe(0);
    expect(redpen(['scan', '.', '--no-cache'], { cwd: dir, env: { REDPEN_ENV: 'development' } }).code).toBe(0);
    const bad = redpen(['scan', '.', '--no-cache', '--env', 'staging'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/staging.*not defined/);
    fs.writeFileSync(path.join(dir, '.redpen.yml'), 'severty: low\n');
    const invalid = redpen(['scan', '.', '--no-cache'], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/severty/);
  });

  it('baseline: known findings are not reported again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-base-'));
    fs.writeFileSync(path.join(dir, 'a.py'), 'eval(x)\n');
    const rulesAbs = path.join(root, rules);
    expect(redpen(['baseline', 'create', '.', '-c', rulesAbs, '-q'], { cwd: dir }).code).toBe(0);
    const baseline = fs.readFileSync(path.join(dir, '.redpen-baseline.json'), 'utf8');
    expect(baseline).not.toContain('eval(x)');
    expect(redpen(['scan', '.', '-c', rulesAbs, '--no-cache', '--baseline', '.redpen-baseline.json'], { cwd: dir }).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.py'), '\n\neval(x)\neval(y)\n');
    const r = JSON.parse(redpen(['scan', '.', '-c', rulesAbs, '--no-cache', '--baseline', '.redpen-baseline.json', '-f', 'json'], { cwd: dir }).stdout);
    expect(r.findings.map((f: { snippet: string }) => f.snippet)).toEqual(['eval(y)']);
    expect(r.suppressed[0].suppressed.kind).toBe('baseline');
  });
});

describe('redpen ast', () => {
  it('marks the node at the cursor and its ancestors', () => {
    const r = redpen(['ast', `${project}/src/app.py`, '--at', '7:13']);
    expect(r.code).toBe(0);
    const cursorLine = r.stdout.split('\n').find((l) => l.includes('▶'))!;
    expect(cursorLine).toMatch(/identifier 7:13-7:17 "eval"/);
    expect(r.stdout).toMatch(/│ .*call 7:13-7:23/);
    expect(r.stdout).toMatch(/│ .*function_definition/);
  });

  it('prints JSON', () => {
    const r = redpen(['ast', '-', '--lang', 'js', '-f', 'json', '--at', '1:7'], { input: 'const a = b;\n' });
    const j = JSON.parse(r.stdout);
    expect(j.language).toBe('javascript');
    const find = (n: { cursor?: boolean; children: unknown[] }): unknown => (n.cursor ? n : n.children.map((c) => find(c as never)).find(Boolean));
    expect(find(j.tree)).toMatchObject({ type: 'identifier', text: 'a' });
  });
});

describe('redpen test', () => {
  it('passes on correct fixtures and reports each failure with its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-rt-'));
    fs.writeFileSync(path.join(dir, 'no-eval.yaml'), 'rules:\n  - id: no-eval\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern: eval(...)\n');
    fs.writeFileSync(path.join(dir, 'no-eval.py'), '# ruleid: no-eval\neval(a)\n# ok: no-eval\nprint(a)\n# todoruleid: no-eval\nexec(a)\n');
    const ok = redpen(['test', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/1 rules in 1 files, 1 fixtures.*ok/);
    fs.writeFileSync(path.join(dir, 'no-eval.py'), '# ok: no-eval\neval(a)\n# ruleid: no-eval\nprint(a)\neval(b)\n');
    const bad = redpen(['test', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/no-eval\.py:2: no-eval matched a line annotated ok/);
    expect(bad.stdout).toMatch(/no-eval\.py:4: expected no-eval to match \(ruleid\)/);
    expect(bad.stdout).toMatch(/no-eval\.py:5: no-eval matched a line with no annotation/);
  });

  it('checks .fixed files against the applied fixes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-fx-'));
    fs.writeFileSync(path.join(dir, 'y.yaml'), 'rules:\n  - id: y\n    message: m\n    severity: ERROR\n    languages: [python]\n    pattern: yaml.load($X)\n    fix: yaml.safe_load($X)\n');
    fs.writeFileSync(path.join(dir, 'y.py'), 'import yaml\n# ruleid: y\nyaml.load(f)\n');
    fs.writeFileSync(path.join(dir, 'y.fixed.py'), 'import yaml\n# ruleid: y\nyaml.safe_load(f)\n');
    expect(redpen(['test', dir]).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'y.fixed.py'), 'import yaml\n# ruleid: y\nyaml.load(f)\n');
    const r = redpen(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/does not give y\.fixed\.py/);
  });
});
