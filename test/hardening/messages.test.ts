/**
 * What a finding says (issue 13, item 22): no message shows a metavariable as written
 * (`$FN runs a command line...`), a fix shows the change it makes, and one flaw that several
 * rules see is reported once, with the other rules' findings kept visible as related ones in
 * every format, while `redpen test` still checks each rule on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanner, scan } from '../../src/api.js';
import { createBaseline } from '../../src/core/baseline.js';
import { relateFindings, sameCweFamily } from '../../src/core/related.js';
import type { Scanner } from '../../src/core/scanner.js';
import type { Finding, ScanResult, Severity } from '../../src/core/types.js';
import { BUNDLED_RULES } from '../../src/config/rules.js';
import { describeEdit } from '../../src/engine/run.js';
import { alwaysBound, messageMetavars, unboundMessageMetavars } from '../../src/engine/rules/metavars.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { jsonReporter } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { textReporter } from '../../src/report/text.js';
import { compactFinding, findingLine } from '../../src/surfaces/compact.js';
import { testRules } from '../../src/testing/ruletest.js';
import { readPack } from '../../src/testing/pack.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'redpen.js');
const METAVAR_AS_WRITTEN = /(?<![$\w])\$(?:\.\.\.)?[A-Z_][A-Z0-9_]*/;

let scanner: Scanner;
let tmp: string;
beforeAll(async () => {
  scanner = await createScanner();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-messages-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function formula(yaml: string) {
  const r = loadRulesFromText(`rules:\n  - id: t.r\n    message: "m $X"\n    severity: WARNING\n    languages: [python]\n${yaml.replace(/^/gm, '    ')}\n`, 't.yaml').rules[0];
  return r.formula!;
}

describe('rule messages never show a metavariable as written', () => {
  it('every bundled rule binds, on every match, each metavariable its message names', async () => {
    const pack = await readPack(BUNDLED_RULES);
    expect(pack.length).toBeGreaterThan(100);
    const unbound = pack.map((p) => [p.rule.id, unboundMessageMetavars(p.rule)] as const).filter(([, u]) => u.length > 0);
    expect(unbound).toEqual([]);
  });

  it('knows which metavariables every match binds', () => {
    expect([...alwaysBound(formula('pattern: os.system($CMD, $_)'))]).toEqual(['$CMD']);
    // an either binds what every branch binds
    expect([...alwaysBound(formula('pattern-either:\n  - pattern: a($X, $Y)\n  - pattern: b($X)'))]).toEqual(['$X']);
    // negations bind nothing; insides, same-language metavariable-pattern and regex groups do
    const all = formula(
      'patterns:\n  - pattern-inside: "$F(...)"\n  - pattern: $A.run($B)\n  - pattern-not: $A.run("...")\n  - metavariable-pattern:\n      metavariable: $B\n      pattern: $C + $D\n  - metavariable-regex:\n      metavariable: $A\n      regex: (?P<MOD>\\w+)',
    );
    expect([...alwaysBound(all)].sort()).toEqual(['$A', '$B', '$C', '$D', '$F', '$MOD']);
    expect(messageMetavars('value($X) and $...ARGS, not _$$ND_FUNC$$_')).toEqual(['$X', '$...ARGS']);
  });

  it('flags a message metavariable one branch of the rule leaves unbound', () => {
    const rule = loadRulesFromText('rules:\n  - id: t.r\n    message: "$FN runs $CMD"\n    severity: WARNING\n    languages: [python]\n    pattern-either:\n      - pattern: os.system($CMD)\n      - pattern: $FN($CMD, shell=True)\n', 't.yaml').rules[0];
    expect(unboundMessageMetavars(rule)).toEqual(['$FN']);
  });

  it('os.system and PBKDF2 findings read as sentences', () => {
    const code = 'import hashlib, os\n\ndef hash_password(pw, salt):\n    return hashlib.pbkdf2_hmac("sha256", pw, salt, iterations=1000)\n\ndef run(name):\n    os.system("convert " + name)\n';
    const findings = scanner.scanText('t.py', code).findings;
    const seen = findings.flatMap((f) => [f, ...(f.related ?? [])]);
    expect(seen.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['python.os-system-injection', 'python.password-fast-hash']));
    for (const f of seen) expect(f.message, f.ruleId).not.toMatch(METAVAR_AS_WRITTEN);
    expect(seen.find((f) => f.ruleId === 'python.password-fast-hash')!.message).toContain('("sha256")');
  });
});

describe('a fix shows what it changes', () => {
  it('in one line: the span before and after, or the part that changes', () => {
    expect(describeEdit('verify=False', 'verify=True')).toBe('Replace `verify=False` with `verify=True`');
    const long = 'subprocess.run(["convert", source_path, "-resize", "50%", target_path], shell=True)';
    expect(describeEdit(long, long.replace(', shell=True', ''))).toBe('Remove `, shell=True`');
    const call = 'torch.load(os.path.join(settings.MODEL_DIRECTORY, "checkpoint-latest.pt"))';
    expect(describeEdit(call, call.replace(/\)$/, ', weights_only=True)'))).toBe('Insert `, weights_only=True` after `"checkpoint-latest.pt")`');
    const y = 'yaml.load(open(os.path.join(settings.CONFIG_DIRECTORY, "deployment.yaml")))';
    expect(describeEdit(y, y.replace('yaml.load', 'yaml.safe_load'))).toBe('Replace `yaml.load` with `yaml.safe_load`');
  });

  it('in the text report, for regex fixes, instead of "Apply the rule\'s regex fix"', () => {
    const file = path.join(tmp, 'fixes.py');
    fs.writeFileSync(file, 'import requests, yaml\n\nr = requests.get(url, verify=False)\nd = yaml.load(open("settings.yaml"))\n');
    const out = spawnSync(process.execPath, [BIN, 'scan', file, '--no-cache', '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    expect(out).not.toContain("Apply the rule's regex fix");
    expect(out).toContain('fix: Replace `False` with `True`');
    expect(out).toContain('fix: Replace `yaml.load(open("settings.yaml"))` with `yaml.safe_load(open("settings.yaml"))`');
  });
});

const INJECTION = 'import os\n\ndef run():\n    os.system("echo " + input())\n';

function finding(over: Partial<Finding> & { ruleId: string; start: number; end: number }): Finding {
  const { start, end, ...rest } = over;
  const pos = (o: number) => ({ line: 1, column: o + 1, offset: o });
  return { kind: 'rule', message: 'm', severity: 'high', confidence: 'medium', location: { path: 'a.py', start: pos(start), end: pos(end) }, snippet: '', cwe: ['CWE-78'], owasp: [], metadata: {}, fingerprint: `fp-${over.ruleId}`, ...rest } as Finding;
}

describe('one flaw, one finding: other rules that see it are related findings', () => {
  it('a taint rule and a pattern rule on one sink: the taint finding, the pattern one related', () => {
    const r = scanner.scanText('t.py', INJECTION);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['python.command-injection']);
    const [f] = r.findings;
    expect(f.kind).toBe('taint');
    expect(f.related?.map((x) => x.ruleId)).toEqual(['python.os-system-injection']);
    expect(f.related![0]).toMatchObject({ severity: 'high', cwe: ['CWE-78'], location: { start: { line: 4 } } });
    expect(f.related![0].fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    expect(f.related![0].fingerprint).not.toBe(f.fingerprint);
  });

  it('is visible in every format: JSON, SARIF relatedLocations, text and the agents’ compact form', async () => {
    const result: ScanResult = await scan({ code: INJECTION, language: 'python' });
    expect(result.findings).toHaveLength(1);
    const json = JSON.parse(jsonReporter.render(result, { version: 't' }));
    expect(json.findings[0].related[0].ruleId).toBe('python.os-system-injection');
    const sarif = toSarif(result, { version: 't' });
    const res = sarif.runs[0].results!;
    expect(res).toHaveLength(1);
    expect(res[0].relatedLocations?.[0].message?.text).toMatch(/^Also reported by python\.os-system-injection \(high, CWE-78\)/);
    expect(res[0].relatedLocations?.[0].physicalLocation?.region?.startLine).toBe(4);
    const text = textReporter.render(result, { version: 't' });
    expect(text).toMatch(/also: python\.os-system-injection {2}high, CWE-78 {2}/);
    expect(text).toContain('1 finding (1 critical)');
    expect(text).toContain('1 related');
    const c = compactFinding(result.findings[0]);
    expect(c.alsoReportedBy).toEqual(['python.os-system-injection']);
    expect(findingLine(c)).toContain('(also reported by python.os-system-injection)');
  });

  it('holds in project scans too (merged after the cross-file pass), and the exit code is unchanged', () => {
    const dir = path.join(tmp, 'proj');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.py'), INJECTION);
    fs.writeFileSync(path.join(dir, 'b.py'), 'import subprocess\n\ndef ls(p):\n    subprocess.run("ls " + p, shell=True)\n');
    const r = spawnSync(process.execPath, [BIN, 'scan', dir, '--no-cache', '--format', 'json', '--fail-on', 'critical'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as ScanResult;
    const a = report.findings.filter((f) => f.location.path.endsWith('a.py'));
    expect(a.map((f) => f.ruleId)).toEqual(['python.command-injection']);
    expect(a[0].related?.map((x) => x.ruleId)).toEqual(['python.os-system-injection']);
  });

  it('keeps apart what is not the same flaw: another CWE family, another span, a suppressed finding', () => {
    const base = finding({ ruleId: 'x.cmd', start: 10, end: 30, severity: 'high' });
    const otherFamily = finding({ ruleId: 'x.eval', start: 12, end: 20, cwe: ['CWE-95'] });
    const elsewhere = finding({ ruleId: 'x.cmd2', start: 40, end: 50 });
    const suppressed = finding({ ruleId: 'x.cmd3', start: 10, end: 30, suppressed: { kind: 'inline' } });
    const touching = finding({ ruleId: 'x.cmd4', start: 30, end: 35 });
    const out = relateFindings([base, otherFamily, elsewhere, suppressed, touching]);
    expect(out.map((f) => f.ruleId)).toEqual(['x.cmd', 'x.eval', 'x.cmd2', 'x.cmd3', 'x.cmd4']);
    expect(out.every((f) => !f.related)).toBe(true);
    expect(sameCweFamily(['CWE-78'], ['CWE-77'])).toBe(true);
    expect(sameCweFamily(['CWE-89'], ['CWE-78'])).toBe(false);
    expect(sameCweFamily(['CWE-1234'], ['CWE-1234'])).toBe(true);
  });

  it('reports the most severe, then taint before pattern, then the most confident; never hides a more severe finding', () => {
    const sev = (s: Severity, id: string, extra: Partial<Finding> = {}) => finding({ ruleId: id, start: 0, end: 20, severity: s, ...extra });
    let out = relateFindings([sev('medium', 'p.medium'), sev('high', 'p.high')]);
    expect(out.map((f) => [f.ruleId, f.related?.map((r) => r.ruleId)])).toEqual([['p.high', ['p.medium']]]);
    out = relateFindings([sev('high', 'p.pattern', { confidence: 'high' }), sev('high', 't.taint', { kind: 'taint', confidence: 'low' })]);
    expect(out.map((f) => f.ruleId)).toEqual(['t.taint']);
    out = relateFindings([sev('high', 'p.low', { confidence: 'low' }), sev('high', 'p.sure', { confidence: 'high' })]);
    expect(out.map((f) => f.ruleId)).toEqual(['p.sure']);
    // no chains: c overlaps b only, b joins a; c stays a finding of its own
    const a = finding({ ruleId: 'a', start: 0, end: 10, severity: 'critical' });
    const b = finding({ ruleId: 'b', start: 5, end: 20 });
    const c = finding({ ruleId: 'c', start: 15, end: 25 });
    expect(relateFindings([a, b, c]).map((f) => f.ruleId)).toEqual(['a', 'c']);
    // a fix of the same flaw stays on offer
    const fixed = finding({ ruleId: 'p.fix', start: 0, end: 20, severity: 'medium', fix: { description: 'd', edits: [] } });
    expect(relateFindings([sev('high', 'p.nofix'), fixed])[0].fix?.description).toBe('d');
  });

  it('a baseline records the related findings too', () => {
    const [f] = scanner.scanText('t.py', INJECTION).findings;
    const fps = createBaseline([f]).entries.map((e) => e.fingerprint);
    expect(fps).toEqual(expect.arrayContaining([f.fingerprint, f.related![0].fingerprint]));
  });

  it('redpen test still checks each rule on its own fixture lines', async () => {
    const dir = path.join(tmp, 'rules');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'two.yaml'),
      'rules:\n  - id: t.shell-concat\n    message: a shell command built by concatenation runs injected commands; pass an argument list instead\n    severity: ERROR\n    languages: [python]\n    metadata: { cwe: ["CWE-78: OS Command Injection"], confidence: HIGH }\n    pattern: os.system("..." + $X)\n  - id: t.os-system\n    message: os.system runs its argument through the shell; use subprocess.run with an argument list instead\n    severity: WARNING\n    languages: [python]\n    metadata: { cwe: ["CWE-78: OS Command Injection"] }\n    pattern: os.system($X)\n',
    );
    fs.writeFileSync(path.join(dir, 'two.py'), 'import os\n# ruleid: t.shell-concat, t.os-system\nos.system("echo " + name)\n# ok: t.shell-concat\n# ruleid: t.os-system\nos.system(command)\n');
    // the scan reports the line-3 flaw once
    const scanned = execFileSync(process.execPath, [BIN, 'scan', path.join(dir, 'two.py'), '--config', path.join(dir, 'two.yaml'), '--no-cache', '--no-secrets', '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
    const findings = (JSON.parse(scanned) as ScanResult).findings;
    expect(findings.map((f) => [f.location.start.line, f.ruleId, f.related?.map((r) => r.ruleId)])).toEqual([
      [3, 't.shell-concat', ['t.os-system']],
      [6, 't.os-system', undefined],
    ]);
    // and the fixture still sees both rules on line 3
    const report = await testRules(dir);
    expect(report.failures).toEqual([]);
    expect(report.checks).toBeGreaterThanOrEqual(4);
  });
});
