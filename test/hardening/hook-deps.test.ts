/**
 * The hook checks the packages a coding agent adds to a manifest (issue 13, item 21): as
 * `redpen deps` does, against the local registry and OSV servers of test/deps/server.ts, and
 * offline from the shipped popularity lists. A check that could not run is said, never clean.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createScanner } from '../../src/api.js';
import type { Scanner } from '../../src/core/scanner.js';
import { runHookChecked } from '../../src/hooks/index.js';
import { localOptions, startServices, type Services } from '../deps/server.js';

const ROOT = path.join(import.meta.dirname, '..', '..');

let svc: Services;
let scanner: Scanner;
let tmp: string;

beforeAll(async () => {
  svc = await startServices();
  scanner = await createScanner();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-hook-deps-'));
});
afterAll(async () => {
  await svc.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  svc.fail = {};
  svc.requests.length = 0;
});

const write = (file: string, content: string) => ({ session_id: 's', hook_event_name: 'PreToolUse', cwd: '/proj', tool_name: 'Write', tool_input: { file_path: `/proj/${file}`, content } });
const check = (extra: Record<string, unknown> = {}) => ({ check: { ...localOptions(svc), cacheDir: false, dbPath: path.join(tmp, 'no-such.sqlite'), ...extra } });

async function hook(event: unknown, deps: Record<string, unknown>, files: Record<string, string> = {}) {
  const out = await runHookChecked('claude', JSON.stringify(event), { scanner, readFile: (p) => files[p] ?? null, deps });
  expect(out.exitCode).toBe(0);
  return JSON.parse(out.stdout || '{}') as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string } };
}

describe('hook: the packages a manifest write adds are checked', () => {
  it('denies a requirements.txt naming a package that does not exist (a slip of `requests`)', async () => {
    const out = await hook(write('requirements.txt', 'flask==3.0.0\nreqeusts==2.31.0\n'), check());
    expect(out.hookSpecificOutput?.permissionDecision).toBe('deny');
    const reason = out.hookSpecificOutput!.permissionDecisionReason!;
    expect(reason).toMatch(/requirements\.txt:2 high deps\.nonexistent-package .*"reqeusts" does not exist on PyPI/);
    expect(reason).toContain('did you mean "requests"');
    expect(svc.requests.some((r) => r.path === '/pypi/reqeusts/json')).toBe(true);
  });

  it('reports a vulnerable pin in package.json', async () => {
    const out = await hook(write('package.json', JSON.stringify({ name: 'app', dependencies: { lodash: '4.17.15' } }, null, 2)), check());
    const text = out.hookSpecificOutput?.permissionDecisionReason ?? out.hookSpecificOutput?.additionalContext ?? '';
    expect(text).toMatch(/package\.json:\d+ high deps\.vulnerable-dependency/);
    expect(text).toContain('4.17.21');
  });

  it('offline: the typosquat is still found, and the agent is told what was not checked', async () => {
    const out = await hook(write('requirements.txt', 'flask==3.0.0\nreqeusts==2.31.0\n'), { ...check(), offline: true });
    const text = out.hookSpecificOutput?.additionalContext ?? out.hookSpecificOutput?.permissionDecisionReason ?? '';
    expect(text).toMatch(/requirements\.txt:2 medium deps\.typosquat .*"reqeusts".*"requests"/);
    expect(text).toMatch(/not checked: whether the packages exist for flask, reqeusts \(offline/);
    expect(text).toMatch(/not checked: known vulnerabilities/);
    expect(svc.requests).toEqual([]);
  });

  it('a registry that cannot be reached is said, never read as clean', async () => {
    svc.fail = { pypi: 503, osv: 503 };
    const out = await hook(write('requirements.txt', 'flask==3.0.0\n'), check());
    expect(out.hookSpecificOutput?.permissionDecision).toBeUndefined();
    const text = out.hookSpecificOutput!.additionalContext!;
    expect(text).toMatch(/^redpen found no problem in what it could check\./);
    expect(text).toMatch(/not checked: whether the packages exist for flask \(.*503/);
    expect(text).toMatch(/not checked: known vulnerabilities for flask@3\.0\.0/);
  });

  it('judges only what the write adds: a package already there is left alone', async () => {
    const before = 'reqeusts==2.31.0\n';
    const out = await hook(
      { ...write('requirements.txt', ''), tool_name: 'Edit', tool_input: { file_path: '/proj/requirements.txt', old_string: before, new_string: `${before}flask==3.0.0\n` } },
      check(),
      { '/proj/requirements.txt': before },
    );
    expect(JSON.stringify(out)).not.toContain('reqeusts');
    expect(svc.requests.some((r) => r.path === '/pypi/flask/json' || r.path === '/pypi/Flask/json')).toBe(true);
  });
});

describe('redpen hook (real process) checks a written requirements file offline', () => {
  it('names the typosquat and the checks it could not run', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'proj-'));
    const event = JSON.stringify(write('requirements.txt', 'reqeusts==2.31.0\n')).replaceAll('/proj', dir);
    const child = execFile(process.execPath, [path.join(ROOT, 'bin', 'redpen.js'), 'hook', 'claude', '--offline'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CACHE_HOME: path.join(tmp, 'cache'), REDPEN_DB: path.join(tmp, 'no-such.sqlite') },
    });
    const done = new Promise<{ stdout: string; code: number | null }>((resolve) => {
      let stdout = '';
      child.stdout!.on('data', (d: string) => (stdout += d));
      child.on('close', (code) => resolve({ stdout, code }));
    });
    child.stdin!.end(event);
    const { stdout, code } = await done;
    expect(code).toBe(0);
    const ctx = (JSON.parse(stdout) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
    expect(ctx).toMatch(/requirements\.txt:1 medium deps\.typosquat/);
    expect(ctx).toMatch(/not checked: whether the packages exist for reqeusts \(offline/);
  });
});

