/**
 * Property: whatever bytes arrive (random, truncated, deeply nested, binary, invalid UTF-8),
 * a scan never crashes and never loses a file: every input ends in a result or an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scanner } from '../src/core/scanner.js';
import { loadRulesFromText } from '../src/engine/rules/load.js';
import { runScan } from '../src/runner/index.js';

const RULES = loadRulesFromText(
  fs.readFileSync(new URL('./fixtures/rules/snapshot-rules.yaml', import.meta.url), 'utf8'),
  'snapshot-rules.yaml',
).rules;

const SEEDS = [
  fs.readFileSync(new URL('./fixtures/project/src/app.py', import.meta.url), 'utf8'),
  fs.readFileSync(new URL('./fixtures/project/src/web.js', import.meta.url), 'utf8'),
  fs.readFileSync(new URL('./fixtures/project/ANSWER.md', import.meta.url), 'utf8'),
  fs.readFileSync(new URL('./fixtures/project/notebook.ipynb', import.meta.url), 'utf8'),
];
const NAMES = ['a.py', 'b.js', 'c.ts', 'd.tsx', 'e.md', 'f.ipynb', 'g.txt', 'h'];

let scanner: Scanner;
beforeAll(async () => {
  scanner = await Scanner.create({ rules: RULES, maxDepth: 400, parseTimeoutMs: 2000 });
});

/** Text: random code-like strings, truncated seeds, or pathological nesting. */
const codeLike = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.stringMatching(/^[a-z_(){}\[\]"'`:;=.,+\n\t $#@!<>-]{0,400}$/),
  fc.tuple(fc.constantFrom(...SEEDS), fc.nat(), fc.nat()).map(([s, a, b]) => s.slice(Math.min(a, b) % (s.length + 1), Math.max(a, b) % (s.length + 1))),
  fc.tuple(fc.constantFrom('(', '[', '{', 'f(', 'if x:\n '), fc.integer({ min: 1, max: 3000 })).map(([o, n]) => `x = ${o.repeat(n)}`),
);

describe('robustness', () => {
  it('scanText never throws and always returns a result for its path', () => {
    fc.assert(
      fc.property(codeLike, fc.constantFrom(...NAMES), (text, name) => {
        const r = scanner.scanText(name, text);
        expect(r.path).toBe(name);
        for (const f of r.findings) {
          expect(f.location.start.line).toBeGreaterThanOrEqual(1);
          expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        }
        for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a scan of random files on disk accounts for every file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.oneof(codeLike.map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)))), { minLength: 1, maxLength: 8 }),
        async (files) => {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-prop-'));
          files.forEach(([name, content], i) => fs.writeFileSync(path.join(dir, `${i}-${name}`), content));
          const result = await runScan({ paths: [dir], rules: RULES, cache: false, jobs: 1, cwd: dir });
          expect(result.stats.files).toBe(files.length);
          expect(result.paths).toHaveLength(files.length);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports deep nesting, binary and invalid UTF-8 with their reasons', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-bad-'));
    fs.writeFileSync(path.join(dir, 'deep.py'), `x = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    fs.writeFileSync(path.join(dir, 'bin.py'), Buffer.from([0x65, 0x76, 0x00, 0x61, 0x6c]));
    fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    fs.writeFileSync(path.join(dir, 'big.py'), `x = 1\n`.repeat(2000));
    fs.writeFileSync(path.join(dir, 'ok.py'), 'eval(x)\n');
    const result = await runScan({ paths: [dir], rules: RULES, cache: false, jobs: 1, cwd: dir, maxFileBytes: 10_000 });
    const kinds = Object.fromEntries(result.errors.map((e) => [e.path, e.kind]));
    expect(kinds).toEqual({ 'bin.py': 'binary', 'latin1.py': 'encoding', 'big.py': 'too-large', 'deep.py': 'nesting' });
    expect(result.findings.map((f) => f.location.path)).toEqual(['ok.py']);
    expect(result.stats.files).toBe(5);
  });

  it('reads Python files in the encoding their PEP 263 declaration names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-enc-'));
    const latin = (s: string) => Buffer.from(s, 'latin1');
    fs.writeFileSync(path.join(dir, 'latin1.py'), latin('# -*- coding: latin-1 -*-\nname = "caf\u00e9"\neval(name)\n'));
    fs.writeFileSync(path.join(dir, 'koi8.py'), Buffer.concat([Buffer.from('#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\ns = "'), Buffer.from([0xf0, 0xd2, 0xc9]), Buffer.from('"\neval(s)\n')]));
    fs.writeFileSync(path.join(dir, 'typo.py'), '# coding: uft-8\neval(x)\n');
    fs.writeFileSync(path.join(dir, 'undeclared.py'), latin('name = "caf\u00e9"\neval(name)\n'));
    const result = await runScan({ paths: [dir], rules: RULES, cache: false, jobs: 1, cwd: dir });
    expect(result.errors.map((e) => [e.path, e.kind])).toEqual([['undeclared.py', 'encoding']]);
    expect(result.findings.map((f) => `${f.location.path}:${f.location.start.line}`).sort()).toEqual(['koi8.py:4', 'latin1.py:3', 'typo.py:2']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
