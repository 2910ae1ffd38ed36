/**
 * Hardening of the surfaces where redpen meets input that is not code: the scanned
 * repository's git configuration, agents' hook events, and the guard proxy's traffic
 * (issue 13, items 14, 19, 20, 21). The MCP server's items are in surfaces-mcp.test.ts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/api.js';
import type { Rule } from '../../src/core/rule.js';
import { scanChanges } from '../../src/changes/git.js';
import { scanHistory } from '../../src/secrets/history.js';

const run = promisify(execFile);
const TOKEN = `ghp_${'x7Kq9mWb2ZrT4nVc8LpYd3HsF6gJ1aE5uR0o'}`;

describe('git: the scanned repository cannot make redpen run programs', () => {
  let dir: string;
  let marks: string;
  let rules: Rule[];
  const git = (...args: string[]) => run('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const fired = () => fs.readdirSync(marks);

  beforeAll(async () => {
    rules = (await loadRules()).rules;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-poisoned-'));
    marks = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-marks-'));
    // every program the repository names leaves a marker file when run
    const tool = (name: string) => {
      const file = path.join(marks, `..${name}.sh`);
      fs.writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\ncat "$@" 2>/dev/null\nexit 0\n`, { mode: 0o755 });
      return file;
    };
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.email', 't@example.com');
    await git('config', 'user.name', 'T');
    fs.writeFileSync(path.join(dir, '.gitattributes'), '* diff=evil filter=evil\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'import os\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'nothing\n');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    // the commit adding a token looks signed, so log.showSignature would call gpg.program
    fs.writeFileSync(path.join(dir, 'settings.py'), `GITHUB_TOKEN = "${TOKEN}"\n`);
    await git('add', '.');
    const tree = (await git('write-tree')).stdout.trim();
    const parent = (await git('rev-parse', 'HEAD')).stdout.trim();
    const commit = `tree ${tree}\nparent ${parent}\nauthor T <t@example.com> 1700000000 +0000\ncommitter T <t@example.com> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsettings\n`;
    const file = path.join(marks, '..commit');
    fs.writeFileSync(file, commit);
    const sha = (await git('hash-object', '-t', 'commit', '-w', file)).stdout.trim();
    await git('update-ref', 'HEAD', sha);
    // the poison: a received repository's .git/config
    const cfg: [string, string][] = [
      ['diff.evil.textconv', tool('textconv')],
      ['diff.evil.command', tool('diff-command')],
      ['diff.external', tool('diff-external')],
      ['filter.evil.clean', tool('clean')],
      ['filter.evil.smudge', tool('smudge')],
      ['core.fsmonitor', tool('fsmonitor')],
      ['core.pager', tool('pager')],
      ['log.showSignature', 'true'],
      ['gpg.program', tool('gpg')],
      ['core.hooksPath', path.join(marks, 'hooks')],
    ];
    for (const [k, v] of cfg) await git('config', k, v);
    fs.mkdirSync(path.join(marks, 'hooks'));
    for (const h of ['post-index-change', 'post-checkout', 'reference-transaction']) fs.copyFileSync(tool(`hook-${h}`), path.join(marks, 'hooks', h));
    // a change in the working tree and the index, so --staged and --diff have work
    fs.appendFileSync(path.join(dir, 'app.py'), 'os.system("rm -rf " + input())\n');
    await git('-c', 'core.fsmonitor=false', '-c', 'filter.evil.clean=', 'add', 'app.py');
    fs.appendFileSync(path.join(dir, 'notes.txt'), 'more\n');
    for (const f of fs.readdirSync(marks)) if (!f.startsWith('..') && f !== 'hooks') fs.rmSync(path.join(marks, f));
    expect(fired()).toEqual(['..clean.sh', '..commit', '..diff-command.sh', '..diff-external.sh', '..fsmonitor.sh', '..gpg.sh', '..hook-post-checkout.sh', '..hook-post-index-change.sh', '..hook-reference-transaction.sh', '..pager.sh', '..smudge.sh', '..textconv.sh', 'hooks']);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(marks, { recursive: true, force: true });
  });

  const markers = () => fired().filter((f) => !f.startsWith('..') && f !== 'hooks');

  it('the poison is live: plain git runs the configured programs', async () => {
    await git('log', '-p', '-1');
    await git('diff', 'HEAD');
    expect(markers()).toEqual(expect.arrayContaining(['textconv', 'gpg', 'clean', 'fsmonitor']));
    for (const f of markers()) fs.rmSync(path.join(marks, f));
  });

  it('secrets --history finds the token and runs nothing the repository configured', async () => {
    const env = { ...process.env };
    // the caller's environment cannot re-enable them either
    process.env.GIT_EXTERNAL_DIFF = path.join(marks, '..diff-external.sh');
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'core.pager';
    process.env.GIT_CONFIG_VALUE_0 = path.join(marks, '..pager.sh');
    process.env.GIT_PAGER = path.join(marks, '..pager.sh');
    try {
      const h = await scanHistory({ cwd: dir });
      expect(h.errors).toEqual([]);
      expect(h.commits).toBe(2);
      const found = h.results.flatMap((r) => r.findings);
      expect(found.map((f) => [f.location.path, f.location.start.line])).toEqual([['settings.py', 1]]);
    } finally {
      process.env = env;
    }
    expect(markers()).toEqual([]);
  });

  it('scan --staged and --diff judge the change and run nothing the repository configured', async () => {
    const staged = await scanChanges({ mode: 'staged', cwd: dir, rules, detectors: { secrets: true } });
    expect(staged.findings.map((f) => f.location.path)).toContain('app.py');
    const diff = await scanChanges({ mode: 'diff', base: 'HEAD', cwd: dir, rules, detectors: { secrets: true } });
    expect(diff.findings.map((f) => f.location.path)).toContain('app.py');
    expect(markers()).toEqual([]);
  });

  it('a base revision that reads as an option is refused', async () => {
    await expect(scanChanges({ mode: 'diff', base: `--output=${path.join(marks, 'written')}`, cwd: dir, rules, detectors: {} })).rejects.toThrow(/not a revision/);
    const h = await scanHistory({ cwd: dir, range: `--output=${path.join(marks, 'written')}` });
    expect(h.errors[0].message).toMatch(/not a revision/);
    expect(markers()).toEqual([]);
  });
});

describe('git: one way to run it', () => {
  it('no module but src/changes/run-git.ts starts git itself', () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith(path.join('changes', 'run-git.ts'))) {
          if (/\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"`]git['"`]/.test(fs.readFileSync(p, 'utf8'))) offenders.push(p);
        }
      }
    };
    walk(path.join(import.meta.dirname, '..', '..', 'src'));
    expect(offenders).toEqual([]);
  });
});
