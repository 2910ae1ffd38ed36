import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTargets, decodeBuffer } from '../../src/files/walk.js';

let root: string;
const write = (rel: string, text = 'x = 1\n') => {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-walk-'));
  // a repository whose root .gitignore applies to the folder scanned below it
  fs.mkdirSync(path.join(root, '.git'));
  write('.gitignore', 'generated/\n*.log\n');
  write('proj/app.py');
  write('proj/b.js', 'let x;\n');
  write('proj/debug.log');
  write('proj/generated/out.py');
  write('proj/pkg/.gitignore', 'local_*.py\n!local_keep.py\n');
  write('proj/pkg/local_secret.py');
  write('proj/pkg/local_keep.py');
  write('proj/pkg/mod.py');
  write('proj/.redpenignore', 'fixtures/\n');
  write('proj/fixtures/data.py');
  write('proj/env311/pyvenv.cfg', 'home = /usr/bin\n');
  write('proj/env311/lib/site.py');
  write('proj/node_modules/dep/index.js');
  write('proj/static/app.min.js');
  write('proj/static/logo.png');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('collectTargets', () => {
  it('honours .gitignore at every level and above the scanned folder, .redpenignore, virtualenvs and default skips, in sorted order', async () => {
    const cwd = path.join(root, 'proj');
    const { targets, errors } = await collectTargets(['.'], { cwd });
    expect(errors).toEqual([]);
    // every text file is read (secrets hide anywhere), ignore files included
    expect(targets.map((t) => t.path)).toEqual(['.redpenignore', 'app.py', 'b.js', 'pkg/.gitignore', 'pkg/local_keep.py', 'pkg/mod.py']);
    expect(targets.find((t) => t.path === 'b.js')!.size).toBe(7);
  });

  it('scans what the command line names even when ignored; gitignore can be turned off', async () => {
    const cwd = path.join(root, 'proj');
    const named = await collectTargets(['debug.log', 'generated/out.py'], { cwd });
    expect(named.targets.map((t) => t.path)).toEqual(['debug.log', 'generated/out.py']);
    const all = await collectTargets(['.'], { cwd, gitignore: false });
    expect(all.targets.map((t) => t.path)).toEqual(['.redpenignore', 'app.py', 'b.js', 'debug.log', 'generated/out.py', 'pkg/.gitignore', 'pkg/local_keep.py', 'pkg/local_secret.py', 'pkg/mod.py']);
  });

  it('reports a missing input as an error and still walks the rest', async () => {
    const cwd = path.join(root, 'proj');
    const { targets, errors } = await collectTargets(['nope', 'pkg'], { cwd });
    expect(errors.map((e) => [e.path, e.kind])).toEqual([['nope', 'io']]);
    expect(targets.map((t) => t.path)).toEqual(['pkg/.gitignore', 'pkg/local_keep.py', 'pkg/mod.py']);
  });

  it('include and exclude patterns', async () => {
    const cwd = path.join(root, 'proj');
    expect((await collectTargets(['.'], { cwd, include: ['*.js'] })).targets.map((t) => t.path)).toEqual(['b.js']);
    expect((await collectTargets(['.'], { cwd, exclude: ['pkg/'] })).targets.map((t) => t.path)).toEqual(['.redpenignore', 'app.py', 'b.js']);
  });
});

describe('decodeBuffer', () => {
  it('strips a UTF-8 BOM and refuses NUL bytes and invalid UTF-8 with reasons', () => {
    expect(decodeBuffer(Buffer.from('\ufeffx = 1\n'), 'a.py', 1000).text).toBe('x = 1\n');
    expect(decodeBuffer(Buffer.from([0x61, 0, 0x62]), 'a.py', 1000).error?.kind).toBe('binary');
    expect(decodeBuffer(Buffer.from([0x61, 0xff, 0x62]), 'a.js', 1000).error?.kind).toBe('encoding');
    expect(decodeBuffer(Buffer.from('x'.repeat(20)), 'a.js', 10).error?.kind).toBe('too-large');
  });
});
