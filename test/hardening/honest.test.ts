/**
 * Hardening, issue 13 items 8-13 and parts of 22: nothing is reported clean that was not
 * checked. A check that could not run (no or empty or stale advisory database, a registry
 * down, offline), a path that does not exist, a config that should not apply, an entry the walk
 * passed over: each is visible in every format and surface, or ends the run with exit 2.
 *
 * The CLI runs as users run it (the built bin in a child process, asynchronously so that the
 * local HTTP services in this process can answer it). Nothing here touches the network.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createScanner, scan } from '../../src/api.js';
import { Scanner } from '../../src/core/scanner.js';
import { AdvisoryDb, checkPackages } from '../../src/deps/index.js';
import { collectTargets, decodeBuffer } from '../../src/files/walk.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { runHook } from '../../src/hooks/index.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { ruleYaml } from '../helpers.js';
import { startServices, type Services } from '../deps/server.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'redpen.js');
const DATA = path.join(ROOT, 'test', 'data', 'deps');
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

let svc: Services;
let tmp: string;
let jsonValidate: ValidateFunction;
let sarifValidate: ValidateFunction;

beforeAll(async () => {
  svc = await startServices();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-honest-'));
  jsonValidate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/redpen-output.schema.json'), 'utf8')));
  const ajv4 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv4 as never);
  sarifValidate = ajv4.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/data/sarif-2.1.0-rtm.5.json'), 'utf8')));
});
afterAll(async () => {
  await svc.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  svc.requests.length = 0;
  svc.fail = {};
});

/** A fresh folder holding these files. */
function folder(files: Record<string, string | Buffer> = {}, parent = tmp): string {
  const dir = fs.mkdtempSync(path.join(parent, 'p-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

function gitInit(dir: string): void {
  const r = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** The CLI in a child process: no colour, its own cache, no advisory database, every service local. */
function redpen(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? tmp,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        XDG_CACHE_HOME: path.join(tmp, 'cache'),
        REDPEN_DB: path.join(tmp, 'no-such.sqlite'),
        REDPEN_OSV_URL: `${svc.url}/osv`,
        REDPEN_NPM_REGISTRY: `${svc.url}/npm`,
        REDPEN_PYPI_URL: svc.url,
        REDPEN_OSV_ARCHIVE_URL: `${svc.url}/archive`,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const EVAL_RULE = ruleYaml('pattern: eval(...)', 'python', 'test.eval', 'eval runs a string as code');
const MEDIUM_RULE = ruleYaml('pattern: hashlib.md5(...)', 'python', 'test.md5', 'md5 is broken');

/** An advisory database holding the recorded PyPI advisories (PyYAML 5.3.1 is vulnerable in it). */
async function pypiDb(file: string): Promise<string> {
  const db = AdvisoryDb.open(file);
  await db.importPath(path.join(DATA, 'osv-pypi', 'pypa-advisory-database-2024-10-10.jsonl.gz'));
  db.close();
  return file;
}

describe('8. the advisory database: updated atomically, empty or stale means unchecked', () => {
  it('a failed `db update` leaves no database behind when there was none', async () => {
    const db = path.join(folder(), 'osv.sqlite');
    // the local archive server has no PyPI archive: the download fails with 404
    const r = await redpen(['db', 'update', '--db', db, '--ecosystem', 'PyPI', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/404/);
    expect(fs.existsSync(db)).toBe(false);
    expect(fs.readdirSync(path.dirname(db))).toEqual([]);
  });

  it('a failed `db import` leaves no empty database behind', async () => {
    const db = path.join(folder(), 'osv.sqlite');
    const r = await redpen(['db', 'import', path.join(tmp, 'no-such-export.zip'), '--db', db]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('an update is all or nothing: a failed one keeps what the database had', async () => {
    const db = path.join(folder(), 'osv.sqlite');
    // npm downloads and imports, PyPI fails: nothing of the half-done update is kept
    const half = await redpen(['db', 'update', '--db', db, '--ecosystem', 'npm', '--ecosystem', 'PyPI', '-q']);
    expect(half.code).toBe(2);
    expect(fs.existsSync(db)).toBe(false);
    const ok = await redpen(['db', 'update', '--db', db, '--ecosystem', 'npm', '-q']);
    expect(ok.code).toBe(1); // the recorded archive has one broken entry, reported
    const failed = await redpen(['db', 'update', '--db', db, '--ecosystem', 'PyPI', '-q']);
    expect(failed.code).toBe(2);
    const kept = AdvisoryDb.open(db, { mustExist: true, readOnly: true });
    expect(kept.recordsFor('npm', 'lodash')).toHaveLength(2);
    kept.close();
    expect(fs.readdirSync(path.dirname(db))).toEqual(['osv.sqlite']);
  });

  it('an empty database is not a clean result: PyYAML 5.3.1 is reported unchecked', async () => {
    const db = path.join(folder(), 'empty.sqlite');
    AdvisoryDb.open(db).close();
    const lib = await checkPackages([{ ecosystem: 'PyPI', name: 'PyYAML', version: '5.3.1' }], { offline: true, dbPath: db, cacheDir: false });
    expect(lib.unchecked.find((u) => u.check === 'vulnerabilities')).toMatchObject({ packages: ['PyYAML@5.3.1'], reason: expect.stringMatching(/empty/) });
    expect(lib.advisorySource).not.toMatch(/^local database/);

    const dir = folder({ 'requirements.txt': 'PyYAML==5.3.1\n' });
    const r = await redpen(['deps', '.', '--offline', '--db', db, '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.unchecked.map((u: { check: string }) => u.check).sort()).toEqual(['registry', 'vulnerabilities']);
    expect(r.stderr).not.toMatch(/advisories: local database/);
    expect(r.stderr).toMatch(/did not run/);
    const status = await redpen(['db', 'status', '--db', db]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/status: empty; vulnerability checks report their packages as not checked/);
  });

  it('a stale database still answers, and the report says which advisories it could not know', async () => {
    const db = await pypiDb(path.join(folder(), 'stale.sqlite'));
    const pkg = [{ ecosystem: 'PyPI' as const, name: 'PyYAML', version: '5.3.1' }];
    // the recorded advisories end in October 2024; a month later the database is stale
    const stale = await checkPackages(pkg, { offline: true, dbPath: db, cacheDir: false, now: new Date('2024-11-20T00:00:00Z') });
    expect(stale.findings.map((f) => f.kind)).toEqual(['vulnerable']);
    expect(stale.unchecked.find((u) => u.check === 'vulnerabilities')?.reason).toMatch(/2024-10-\d\d.*older than 7 days.*redpen db update/);
    const fresh = await checkPackages(pkg, { offline: true, dbPath: db, cacheDir: false, now: new Date('2024-10-12T00:00:00Z') });
    expect(fresh.findings.map((f) => f.kind)).toEqual(['vulnerable']);
    expect(fresh.unchecked.filter((u) => u.check === 'vulnerabilities')).toEqual([]);
  });
});

describe('9. checks that could not run are visible in every format and surface', () => {
  const PROJECT = { 'requirements.txt': 'PyYAML==5.3.1\n', 'app.py': 'import yaml\n' };

  it('scan with no advisory database: JSON `unchecked`, SARIF notifications, a text section', async () => {
    const dir = folder(PROJECT);
    const json = await redpen(['scan', '.', '--no-cache', '-f', 'json'], { cwd: dir });
    const data = JSON.parse(json.stdout);
    expect(jsonValidate(data) ? [] : jsonValidate.errors).toEqual([]);
    expect(data.unchecked).toEqual([
      { check: 'registry', reason: expect.stringMatching(/--deps-online/), packages: ['PyYAML'] },
      { check: 'vulnerabilities', reason: expect.stringMatching(/no local advisory database/), packages: ['PyYAML@5.3.1'] },
    ]);
    const sarif = JSON.parse((await redpen(['scan', '.', '--no-cache', '-f', 'sarif'], { cwd: dir })).stdout);
    expect(sarifValidate(sarif) ? [] : sarifValidate.errors).toEqual([]);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^vulnerabilities check did not run .*PyYAML@5\.3\.1.*no local advisory database/)]));
    const text = await redpen(['scan', '.', '--no-cache'], { cwd: dir });
    expect(text.stdout).toMatch(/^Not checked:$/m);
    expect(text.stdout).toMatch(/^ {2}vulnerabilities check did not run for 1 package\(s\) \(PyYAML@5\.3\.1\): .*no local advisory database/m);
    expect(text.stdout).toMatch(/2 checks did not run/);
  });

  it('`deps --list` checks nothing and does not claim to have checked', async () => {
    const dir = folder(PROJECT);
    const r = await redpen(['deps', '.', '--list'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(svc.requests).toEqual([]);
    expect(r.stderr).not.toMatch(/dependenc(y|ies) checked/);
    expect(r.stderr).toMatch(/2 dependencies found \(not checked/);
  });

  it('`deps` with the registries down says what did not run, in its summary too', async () => {
    svc.fail = { npm: 503, pypi: 503, osv: 503 };
    const dir = folder({ 'requirements.txt': 'PyYAML==5.3.1\n' });
    const r = await redpen(['deps', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Not checked:/);
    expect(r.stderr).toMatch(/1 dependency; advisories: not checked; 2 checks did not run/);
  });

  it('the library: scan() and checkPackages() return what did not run', async () => {
    const dir = folder(PROJECT);
    const prev = process.env.REDPEN_DB;
    process.env.REDPEN_DB = path.join(tmp, 'no-such.sqlite');
    try {
      const r = await scan({ paths: ['.'] }, { cwd: dir, rules: [] });
      expect(r.unchecked.map((u) => u.check)).toEqual(['registry', 'vulnerabilities']);
    } finally {
      if (prev === undefined) delete process.env.REDPEN_DB;
      else process.env.REDPEN_DB = prev;
    }
  });

  it('MCP check_packages with the registries unreachable lists the checks that did not run', async () => {
    svc.fail = { npm: 503, pypi: 503, osv: 503 };
    const saved = { ...process.env };
    Object.assign(process.env, { REDPEN_OSV_URL: `${svc.url}/osv`, REDPEN_NPM_REGISTRY: `${svc.url}/npm`, REDPEN_PYPI_URL: svc.url, REDPEN_DB: path.join(tmp, 'no-such.sqlite'), XDG_CACHE_HOME: path.join(tmp, 'cache-mcp') });
    const server = await createMcpServer({ cwd: tmp });
    const client = new Client({ name: 'honest-test', version: '1.0.0' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(a), client.connect(b)]);
    try {
      const r = await client.callTool({ name: 'check_packages', arguments: { packages: [{ ecosystem: 'PyPI', name: 'zqxv-redpen-honest', version: '1.0.0' }] } });
      expect(r.isError).toBeFalsy();
      const out = r.structuredContent as { findings: unknown[]; unchecked: { check: string; reason: string }[] };
      expect(out.findings).toEqual([]);
      expect(out.unchecked.map((u) => u.check).sort()).toEqual(['registry', 'vulnerabilities']);
      expect(out.unchecked.find((u) => u.check === 'registry')!.reason).toMatch(/503/);
    } finally {
      await client.close();
      await server.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('a hook tells the agent when the written file could not be checked', async () => {
    const scanner = await createScanner({ rules: loadRulesFromText(EVAL_RULE, 't.yaml').rules, maxFileBytes: 1000 });
    const event = { hook_event_name: 'PreToolUse', cwd: tmp, tool_name: 'Write', tool_input: { file_path: path.join(tmp, 'big.py'), content: `x = eval(s)\n${'# padding\n'.repeat(200)}` } };
    const out = runHook('claude', JSON.stringify(event), { scanner, readFile: () => null });
    expect(out.exitCode).toBe(0);
    const answer = JSON.parse(out.stdout) as { hookSpecificOutput: { additionalContext: string } };
    expect(answer.hookSpecificOutput.additionalContext).toMatch(/big\.py.*not checked.*over the 1000-byte limit/);
  });
});

describe('10. a path that does not exist ends the run with exit 2', () => {
  it('scan, deps and secrets with a mistyped folder', async () => {
    const dir = folder({ 'src/a.py': 'x = 1\n' });
    for (const cmd of [['scan', 'srcc/'], ['deps', 'srcc/'], ['secrets', 'srcc/'], ['scan', 'src', 'srcc/']]) {
      const r = await redpen([...cmd, '--no-cache'], { cwd: dir });
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/srcc\/: no such file or folder/);
    }
  });

  it('secrets --history outside a git repository', async () => {
    const dir = folder({ 'a.py': 'x = 1\n' });
    const r = await redpen(['secrets', '--history'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not (in|inside) a git repository/);
  });
});

describe('11. the failure threshold counts findings below the report threshold', () => {
  it('--severity high --fail-on medium fails on a medium finding, and says why', async () => {
    const dir = folder({ 'a.py': 'import hashlib\nhashlib.md5(b"x")\n', 'r.yaml': MEDIUM_RULE });
    const r = await redpen(['scan', 'a.py', '-c', 'r.yaml', '--no-cache', '--severity', 'high', '--fail-on', 'medium'], { cwd: dir });
    expect(r.stdout).toMatch(/0 findings/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 finding below the report threshold \(high\) is at or above --fail-on medium: exit status 1/);
    const quiet = await redpen(['scan', 'a.py', '-c', 'r.yaml', '--no-cache', '--severity', 'high', '--fail-on', 'high'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toMatch(/exit status/);
  });
});

describe('12. .redpen.yml: found within the repository, reported, used by `rules` too', () => {
  it('a config above the git root does not apply', async () => {
    const outer = folder({ '.redpen.yml': 'paths:\n  exclude: ["**"]\n' });
    const repo = path.join(outer, 'repo');
    fs.mkdirSync(repo);
    gitInit(repo);
    fs.writeFileSync(path.join(repo, 'a.py'), 'eval(s)\n');
    fs.writeFileSync(path.join(repo, 'r.yaml'), EVAL_RULE);
    const r = await redpen(['scan', '.', '-c', 'r.yaml', '--no-cache', '-f', 'json'], { cwd: repo });
    const data = JSON.parse(r.stdout);
    expect(data.stats.files).toBe(2);
    expect(data.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['test.eval']);
    expect(data.config).toBeUndefined();
  });

  it('with no repository the search stops at the working folder', async () => {
    const outer = folder({ '.redpen.yml': 'paths:\n  exclude: ["**"]\n' });
    const proj = folder({ 'a.py': 'eval(s)\n', 'r.yaml': EVAL_RULE }, outer);
    const r = await redpen(['scan', '.', '-c', 'r.yaml', '--no-cache', '-f', 'json'], { cwd: proj });
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });

  it('the loaded config is named in text, JSON and SARIF; `rules` uses it as `scan` does', async () => {
    const repo = folder({ '.redpen.yml': 'rules: [./my-rules]\nseverity: low\n', 'my-rules/r.yaml': EVAL_RULE, 'src/a.py': 'eval(s)\n' });
    gitInit(repo);
    const text = await redpen(['scan', 'src', '--no-cache'], { cwd: repo });
    expect(text.stdout).toMatch(/configuration: \.redpen\.yml/);
    const json = JSON.parse((await redpen(['scan', 'src', '--no-cache', '-f', 'json'], { cwd: repo })).stdout);
    expect(jsonValidate(json) ? [] : jsonValidate.errors).toEqual([]);
    expect(json.config).toBe('.redpen.yml');
    const sarif = JSON.parse((await redpen(['scan', 'src', '--no-cache', '-f', 'sarif'], { cwd: repo })).stdout);
    expect(sarifValidate(sarif) ? [] : sarifValidate.errors).toEqual([]);
    expect(sarif.runs[0].invocations[0].properties.configuration).toBe('.redpen.yml');
    const rules = await redpen(['rules'], { cwd: path.join(repo, 'src') });
    expect(rules.code).toBe(0);
    expect(rules.stdout).toBe('test.eval\tmedium\tpython\n');
    expect(rules.stderr).toMatch(/configuration: .*\.redpen\.yml/);
    const bundled = await redpen(['rules', '--no-project-config'], { cwd: repo });
    expect(bundled.stdout.split('\n').length).toBeGreaterThan(50);
  });
});

describe('13. every entry the walk passes over is counted with its reason', () => {
  it('FIFOs, sockets and symbolic links: not followed, not dropped silently', async () => {
    const outside = folder({ 'secret.py': 'x = 1\n' });
    const dir = folder({ 'a.py': 'x = 1\n', 'ignored.py': 'x = 1\n', '.gitignore': 'ignored.py\n', 'node_modules/m/index.js': '', 'lib.min.js': '' });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.py')]).status).toBe(0);
    fs.symlinkSync(path.join(dir, 'a.py'), path.join(dir, 'inside.py'));
    fs.symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'escape.py'));
    fs.symlinkSync(outside, path.join(dir, 'escape-dir'));
    fs.symlinkSync(path.join(dir, 'gone.py'), path.join(dir, 'broken.py'));
    const sock = path.join(dir, 'agent.sock');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const { targets, errors, skipped } = await collectTargets(['.'], { cwd: dir });
      expect(targets.map((t) => t.path)).toEqual(['.gitignore', 'a.py']);
      expect(skipped).toEqual({ ignored: 1, 'default-folder': 1, generated: 1, symlink: 4, special: 2 });
      const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
      expect(byPath).toEqual({
        'pipe.py': expect.stringMatching(/FIFO.*not scanned/),
        'agent.sock': expect.stringMatching(/socket.*not scanned/),
        'escape.py': expect.stringMatching(/symbolic link to a path outside the scanned folder.*not followed/),
        'escape-dir': expect.stringMatching(/symbolic link to a path outside the scanned folder.*not followed/),
        'broken.py': expect.stringMatching(/broken symbolic link/),
      });
      expect(errors.every((e) => e.level === 'warning')).toBe(true);

      const r = await redpen(['scan', '.', '--no-cache', '-f', 'json', '--no-deps'], { cwd: dir });
      const data = JSON.parse(r.stdout);
      expect(jsonValidate(data) ? [] : jsonValidate.errors).toEqual([]);
      expect(data.stats.skipped).toEqual({ ignored: 1, 'default-folder': 1, generated: 1, symlink: 4, special: 2 });
      const text = await redpen(['scan', '.', '--no-cache', '--no-deps'], { cwd: dir });
      expect(text.stdout).toMatch(/9 paths skipped \(1 ignored, 1 default folder, 1 generated, 4 symlinks, 2 special files\)/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('22. option values, config errors, encodings, indented code blocks', () => {
  it('-j and other numeric options reject what is not a number', async () => {
    const dir = folder({ 'a.py': 'x = 1\n' });
    for (const args of [['scan', '.', '-j', 'abc'], ['scan', '.', '--jobs', '0'], ['scan', '.', '-j', '1.5'], ['secrets', '.', '-j', 'abc'], ['secrets', '--history', '--max-commits', 'abc'], ['scan', '.', '--max-file-size', '10k']]) {
      const r = await redpen(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/must be a (positive )?whole number|must be a positive number/);
    }
  });

  it('option and config errors list the allowed values', async () => {
    const dir = folder({ 'a.py': 'x = 1\n' });
    const failOn = await redpen(['scan', '.', '--fail-on', 'urgent'], { cwd: dir });
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toMatch(/critical, high, medium, low, info, none/);
    fs.writeFileSync(path.join(dir, '.redpen.yml'), 'severity: bogus\nfail-on: urgent\nseverty: low\n');
    const cfg = await redpen(['scan', '.'], { cwd: dir });
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toMatch(/\/severity must be one of: critical, high, medium, low, info/);
    expect(cfg.stderr).toMatch(/\/fail-on must be one of: critical, high, medium, low, info, none/);
    expect(cfg.stderr).toMatch(/unknown key severty \(allowed: .*severity.*fail-on.*\)/);
  });

  it('UTF-16 (LE and BE) and UTF-8 files with a byte-order mark are decoded, not called binary', async () => {
    const code = 'x = 1\ny = eval(s)\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(code, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(code)]);
    for (const buf of [le, be, u8]) expect(decodeBuffer(buf, 'a.py', 1e6)).toEqual({ text: code });
    const dir = folder({ 'le.py': le, 'be.py': be, 'u8.py': u8, 'r.yaml': EVAL_RULE });
    const r = JSON.parse((await redpen(['scan', '.', '-c', 'r.yaml', '--no-cache', '-f', 'json'], { cwd: dir })).stdout);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f: { location: { path: string; start: { line: number; column: number } } }) => `${f.location.path}:${f.location.start.line}:${f.location.start.column}`)).toEqual(['be.py:2:5', 'le.py:2:5', 'u8.py:2:5']);
    // without a byte-order mark, UTF-16 is still refused with its reason
    expect(decodeBuffer(Buffer.from(code, 'utf16le'), 'a.py', 1e6).error?.kind).toBe('binary');
  });

  it('indented markdown code blocks are scanned when their language shows, noted when it does not', async () => {
    const scanner = await Scanner.create({ rules: loadRulesFromText(EVAL_RULE, 't.yaml').rules });
    const md = 'Run this:\n\n    import sys\n    result = eval(sys.argv[1])\n\n> quoted:\n>\n>         x = eval(y)\n';
    const r = scanner.scanText('answer.md', md);
    expect(r.findings.map((f) => `${f.location.start.line}:${f.location.start.column}`)).toEqual(['4:14', '8:15']);
    expect(r.errors).toEqual([]);
    // a block no grammar can read (here: nested past the parser's limit) has no language: noted
    const deep = `Data:\n\n    ${'['.repeat(2500)}${']'.repeat(2500)}\n`;
    expect(scanner.scanText('answer.md', deep).errors).toEqual([
      expect.objectContaining({ kind: 'unsupported', level: 'warning', message: expect.stringMatching(/^code block at line 3: .*language could not be inferred.*not scanned with rules \(checked for secrets only\)/) }),
    ]);
  });
});
