/**
 * Issue 13, item 7: user mistakes get one clear line and exit status 2, never a stack trace;
 * a malformed pattern is a load error naming the rule and the pattern, never a pattern that
 * silently matches something else. The CLI runs as users run it (the built command).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scanner } from '../../src/core/scanner.js';
import { loadRulesFromText, RuleLoadError } from '../../src/engine/rules/load.js';
import { compileRule } from '../../src/engine/rules/compile.js';
import { loadLanguage } from '../../src/languages/treesitter.js';
import { LANGUAGES } from '../../src/languages/index.js';
import { redpen } from './cli.js';

let dir: string;

beforeAll(async () => {
  await Promise.all(LANGUAGES.map((l) => loadLanguage(l)));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-errors-'));
  fs.writeFileSync(path.join(dir, 'app.py'), 'foo\nfoo(1)\nx = foo\n');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function rule(pattern: string, language = 'python'): string {
  return `rules:\n  - id: broken-pattern\n    message: m\n    severity: WARNING\n    languages: [${language}]\n    pattern: ${JSON.stringify(pattern)}\n`;
}

/** No stack frame of ours or of a dependency in what the user sees. */
function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+[:(]/);
  expect(stderr.trim().split('\n')).toHaveLength(stderr.includes('\n  pattern:') ? 2 : 1);
}

describe('malformed patterns', () => {
  it.each([
    ['foo(', 'python'],
    ['foo(1', 'python'],
    ['foo)', 'python'],
    ['foo(', 'javascript'],
    ['eval(x', 'javascript'],
  ])('`%s` (%s) is a load error naming the rule and the pattern', (p, language) => {
    const { rules } = loadRulesFromText(rule(p, language), 'bad.yaml');
    let err: unknown;
    try {
      compileRule(rules[0]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleLoadError);
    expect((err as Error).message).toContain('broken-pattern');
    expect((err as Error).message).toContain(p);
  });

  it('a pattern tree-sitter recovers inside (a metavariable in f-string braces) still loads', async () => {
    const yaml = rule('hashlib.$ALG(f"{$SECRET}{$MSG}".encode(...), ...)');
    await expect(Scanner.create({ rules: loadRulesFromText(yaml, 'ok.yaml').rules })).resolves.toBeInstanceOf(Scanner);
  });

  it('the CLI refuses the rule file with one line and exit 2, and matches nothing', () => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), rule('foo('));
    const r = redpen(['scan', path.join(dir, 'app.py'), '--config', path.join(dir, 'bad.yaml'), '--no-cache', '--no-deps']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^redpen: invalid rule: .*bad\.yaml:6: rule broken-pattern: cannot parse pattern as python/);
    expect(r.stderr).toContain('pattern: foo(');
    noStack(r.stderr);
  });
});

describe('user mistakes on the command line', () => {
  it('a YAML alias bomb in a rule file is an invalid-rule error, not a stack trace', () => {
    const levels = 'abcdefghi'.split('');
    const lines = [`a: &a ["x","x","x","x","x","x","x","x","x"]`];
    for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
    lines.push(`rules: *i`);
    fs.writeFileSync(path.join(dir, 'bomb.yaml'), `${lines.join('\n')}\n`);
    const r = redpen(['scan', path.join(dir, 'app.py'), '--config', path.join(dir, 'bomb.yaml'), '--no-cache', '--no-deps']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^redpen: invalid rule: .*bomb\.yaml: invalid YAML: /);
    noStack(r.stderr);
  });

  it('an unknown --lang names the supported languages', () => {
    const r = redpen(['scan', '-', '--lang', 'ruby', '--no-cache', '--no-deps'], { input: 'puts 1\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('redpen: unknown language `ruby` (supported: python, javascript, typescript, tsx)\n');
  });

  it('an output path that is a folder is one line, exit 2', () => {
    const r = redpen(['scan', path.join(dir, 'app.py'), '--no-cache', '--no-deps', '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^redpen: EISDIR: /);
    noStack(r.stderr);
  });
});
