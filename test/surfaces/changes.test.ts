import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/api.js';
import type { Rule } from '../../src/core/rule.js';
import { changedLines } from '../../src/changes/compare.js';
import { parseNameStatus, scanChanges } from '../../src/changes/git.js';

const run = promisify(execFile);
const BAD = (v: string) => `subprocess.call("ping " + ${v}, shell=True)`;
const BASE = `import subprocess\n\n\ndef old(host):\n    ${BAD('host')}\n`;

let dir: string;
let rules: Rule[];
const git = (...args: string[]) => run('git', args, { cwd: dir });

beforeAll(async () => {
  rules = (await loadRules()).rules;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-changes-'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 't@example.com');
  await git('config', 'user.name', 'T');
  await fs.writeFile(path.join(dir, 'app.py'), BASE);
  await fs.writeFile(path.join(dir, 'keep.py'), `import subprocess\n${BAD('x')}\n`);
  await git('add', '.');
  await git('commit', '-qm', 'base');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('changed lines', () => {
  it('numbers the added and modified lines of the new text', () => {
    expect([...changedLines('a\nb\nc\n', 'a\nB\nc\nd\n')]).toEqual([2, 4]);
    expect([...changedLines(null, 'x\ny')]).toEqual([1, 2]);
    // a deletion marks the lines around it
    expect([...changedLines('a\nb\nc\n', 'a\nc\n')].sort()).toEqual([1, 2]);
  });

  it('parses git name-status output with renames and deletions', () => {
    const out = ['M', 'a.py', 'R100', 'old name.py', 'new name.py', 'D', 'gone.py', 'A', 'n.py', ''].join('\0');
    expect(parseNameStatus(out)).toEqual([
      { path: 'a.py', status: 'modified' },
      { path: 'new name.py', oldPath: 'old name.py', status: 'renamed' },
      { path: 'n.py', status: 'added' },
    ]);
  });
});

describe('scan --staged / --diff', () => {
  it('reports only findings the staged change adds; old ones (even moved) are listed as suppressed', async () => {
    // shift the old finding down two lines and add a new one
    await fs.writeFile(path.join(dir, 'app.py'), `import subprocess\n\n# a comment\n# another\n\ndef old(host):\n    ${BAD('host')}\n\n\ndef new(name):\n    ${BAD('name')}\n`);
    await fs.writeFile(path.join(dir, 'added.py'), `import subprocess\n${BAD('y')}\n`);
    await git('add', 'app.py', 'added.py');
    // an unstaged edit must not count for --staged
    await fs.appendFile(path.join(dir, 'app.py'), `\n\ndef unstaged(z):\n    ${BAD('z')}\n`);
    const r = await scanChanges({ mode: 'staged', cwd: dir, rules, detectors: { secrets: false } });
    expect(r.paths.sort()).toEqual(['added.py', 'app.py']);
    expect(r.findings.map((f) => `${f.location.path}:${f.location.start.line}`).sort()).toEqual(['added.py:2', 'app.py:11']);
    expect(r.suppressed.map((f) => `${f.location.path}:${f.location.start.line}`)).toEqual(['app.py:7']);
    expect(r.suppressed[0].suppressed).toMatchObject({ kind: 'baseline' });
  });

  it('--diff compares the working tree (and untracked files) with a base revision', async () => {
    await fs.writeFile(path.join(dir, 'untracked.py'), `import subprocess\n${BAD('u')}\n`);
    const r = await scanChanges({ mode: 'diff', base: 'HEAD', cwd: dir, rules, detectors: { secrets: false } });
    expect(r.findings.map((f) => `${f.location.path}:${f.location.start.line}`).sort()).toEqual(['added.py:2', 'app.py:11', 'app.py:15', 'untracked.py:2']);
    // keep.py did not change: not scanned at all
    expect(r.paths).not.toContain('keep.py');
    await expect(scanChanges({ mode: 'diff', base: 'no-such-ref', cwd: dir, rules, detectors: {} })).rejects.toThrow(/unknown revision/);
  });

  it('the CLI exits 1 on new findings and 0 when the change adds none', async () => {
    const cli = path.resolve('bin/redpen.js');
    const fail = await run('node', [cli, 'scan', '--staged', '--format', 'json', '--no-cache'], { cwd: dir }).catch((e: { code: number; stdout: string }) => e);
    expect((fail as { code: number }).code).toBe(1);
    const json = JSON.parse((fail as { stdout: string }).stdout) as { findings: unknown[] };
    expect(json.findings).toHaveLength(2);
    await git('commit', '-qm', 'second');
    await git('checkout', '-q', '--', 'app.py');
    const okRun = await run('node', [cli, 'scan', '--staged', '--no-cache'], { cwd: dir });
    expect(okRun.stdout).not.toContain('subprocess-shell-true');
  });
});

describe('pre-commit and CI definitions', () => {
  it('call options the CLI has', async () => {
    const { parse } = await import('yaml');
    const { buildProgram } = await import('../../src/cli/main.js');
    const scanCmd = buildProgram(() => {}).commands.find((c) => c.name() === 'scan')!;
    const flags = new Set(scanCmd.options.map((o) => o.long));
    const hooks = parse(await fs.readFile('.pre-commit-hooks.yaml', 'utf8')) as { id: string; entry: string }[];
    expect(hooks[0]).toMatchObject({ id: 'redpen', entry: 'redpen scan --staged' });
    const action = await fs.readFile('action.yml', 'utf8');
    const used = [...hooks[0].entry.matchAll(/--[a-z-]+/g), ...action.matchAll(/\(scan ([^)]*)\)|args\+=\((--[a-z-]+)/g)].flatMap((m) => m[0].match(/--[a-z-]+/g) ?? []);
    expect(used.length).toBeGreaterThan(4);
    for (const f of used) expect(flags.has(f), f).toBe(true);
  });
});
