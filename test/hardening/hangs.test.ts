/**
 * Issue 13, item 4: a user rule's regex cannot hang a scan. `(a+)+$` on a 32-character line ran
 * forever. Regexes RE2 can read run in linear time; the rest (lookaround, backreferences) run in
 * a worker that is stopped when the rule's time on the file is up, and that file and rule get a
 * scan error with the reason. Either way the ReDoS analysis warns at load. The inputs below
 * take a backtracking engine longer than any test would wait (2^40 steps), so the outcomes do
 * not depend on the machine's speed; the time limit is lowered only to keep the test short.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scanner } from '../../src/core/scanner.js';
import { loadRuleConfigs } from '../../src/config/rules.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { RuleRegex } from '../../src/engine/regex.js';
import { redpen } from './cli.js';

const A40 = `${'a'.repeat(40)}!`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-hangs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function rules(body: string): string {
  return `rules:\n${body}`;
}

const EXPONENTIAL = `  - id: user.exponential
    message: found
    severity: WARNING
    languages: [regex]
    pattern-regex: (a+)+$
`;

describe('regexes RE2 can read run in linear time', () => {
  it('`(a+)+$` finishes on a long line of a', async () => {
    const scanner = await Scanner.create({ rules: loadRulesFromText(rules(EXPONENTIAL), 'r.yaml').rules });
    expect(RuleRegex.compile('(a+)+$').engine).toBe('linear');
    const miss = scanner.scanText('a.txt', `${A40}\n`);
    expect(miss.errors).toEqual([]);
    expect(miss.findings).toEqual([]);
    const hit = scanner.scanText('b.txt', `x ${'a'.repeat(40)}\n`);
    expect(hit.findings.map((f) => f.location.start.column)).toEqual([3]);
  });

  it('reads Semgrep’s dialect: inline flags anywhere, named groups, \\A and \\Z', () => {
    expect(RuleRegex.compile('(?i)secret').test('MY_SECRET')).toBe(true);
    expect(RuleRegex.compile('foo(?i:bar)').test('fooBAR')).toBe(true);
    expect(RuleRegex.compile('foo(?i:bar)').test('FOObar')).toBe(false);
    const m = RuleRegex.compile('(?P<key>[a-z]+)=(?P<value>\\d+)').exec('x key=42');
    expect(m && { key: m.named.key, value: m.named.value }).toEqual({ key: [2, 5], value: [6, 8] });
    expect(RuleRegex.compile('\\Aabc\\Z').test('abc')).toBe(true);
    expect(RuleRegex.compile('\\Aabc\\Z').test('xabc')).toBe(false);
  });

  it('metavariable-regex with nested quantifiers on a long binding finishes with its answer', async () => {
    const yaml = rules(`  - id: user.mv
    message: $X
    severity: WARNING
    languages: [python]
    patterns:
      - pattern: f($X)
      - metavariable-regex:
          metavariable: $X
          regex: (\\w+\\s?)+$
`);
    const scanner = await Scanner.create({ rules: loadRulesFromText(yaml, 'r.yaml').rules });
    const r = scanner.scanText('a.py', `f("${'a'.repeat(40)}!")\nf(${'a'.repeat(40)})\n`);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => f.location.start.line)).toEqual([2]);
  });
});

describe('regexes that need backtracking are stopped', () => {
  // a lookahead makes RE2 refuse these; inside it, the same exponential shape
  const BOMB = '^(?=(a+)+$)';

  it.each([
    ['pattern-regex', `    languages: [regex]\n    pattern-regex: ${BOMB}\n`, 'a.txt', `${A40}\n`],
    [
      'pattern-not-regex',
      `    languages: [regex]\n    patterns:\n      - pattern-regex: a+\n      - pattern-not-regex: ${BOMB}\n`,
      'a.txt',
      `${A40}\n`,
    ],
    [
      'metavariable-regex',
      `    languages: [python]\n    patterns:\n      - pattern: f($X)\n      - metavariable-regex:\n          metavariable: $X\n          regex: '(?=(a+)+$)'\n`,
      'a.py',
      `f(${'a'.repeat(40)}b)\n`,
    ],
    [
      'metavariable-comparison re.match',
      `    languages: [python]\n    patterns:\n      - pattern: f($X)\n      - metavariable-comparison:\n          comparison: re.match('(?=(a+)+$)', str($X))\n`,
      'a.py',
      `f("${A40}")\n`,
    ],
  ])('%s: the rule gives up on the file with the reason; other rules still run', async (_kind, body, file, text) => {
    const yaml = rules(`  - id: user.bomb\n    message: found\n    severity: WARNING\n${body}  - id: user.plain\n    message: plain\n    severity: WARNING\n    languages: [regex]\n    pattern-regex: aaaa\n`);
    const scanner = await Scanner.create({ rules: loadRulesFromText(yaml, 'r.yaml').rules, regexTimeoutMs: 300 });
    const r = scanner.scanText(file, text);
    expect(r.errors).toEqual([
      expect.objectContaining({ kind: 'timeout', ruleId: 'user.bomb', message: expect.stringMatching(/^rule user\.bomb gave up: regex \/.*\(a\+\)\+\$.*\/ ran past the 300 ms it may take per rule and file/) }),
    ]);
    expect(r.findings.some((f) => f.ruleId === 'user.plain')).toBe(true);
    // the next document gets the rule's time anew, and the stopped worker was replaced
    const again = scanner.scanText(file, text.replace(/a{40}/, 'a'.repeat(5)));
    expect(again.errors.filter((e) => e.kind === 'timeout')).toEqual([]);
  });
});

describe('load-time warnings from the ReDoS analysis', () => {
  it('a user rule file warns about each regex that can backtrack, with what redpen does about it', async () => {
    const file = path.join(dir, 'user.yaml');
    fs.writeFileSync(
      file,
      rules(`${EXPONENTIAL}  - id: user.lookahead
    message: found
    severity: WARNING
    languages: [regex]
    pattern-regex: ^(?=(a+)+$)
  - id: user.fine
    message: found
    severity: WARNING
    languages: [regex]
    pattern-regex: "password\\\\s*=\\\\s*\\\\S+"
`),
    );
    const loaded = await loadRuleConfigs([file], dir);
    const messages = loaded.warnings.map((w) => w.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/rule user\.exponential: pattern-regex \/\(a\+\)\+\$\/ can backtrack exponentially \(ReDoS\).*redpen runs it in linear time \(RE2\)/);
    expect(messages[1]).toMatch(/rule user\.lookahead: pattern-regex .* can backtrack exponentially \(ReDoS\).*stops it after 5 s per file/);
  });

  it('the CLI prints the warning and finishes the scan', () => {
    const rulesFile = path.join(dir, 'cli.yaml');
    fs.writeFileSync(rulesFile, rules(EXPONENTIAL));
    const target = path.join(dir, 'a.txt');
    fs.writeFileSync(target, `${'a'.repeat(32)}!\n`);
    const r = redpen(['scan', target, '--config', rulesFile, '--no-cache', '--no-deps', '--no-secrets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/can backtrack exponentially \(ReDoS\)/);
    expect(r.stdout).toMatch(/1 file scanned/);
  });
});
