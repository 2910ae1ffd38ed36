import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyzeDependencies, AdvisoryDb, checkPackages, updateDatabase } from '../../src/deps/index.js';
import { collectTargets } from '../../src/files/walk.js';
import { reporterFor } from '../../src/report/index.js';
import { assemble, runScan } from '../../src/runner/index.js';
import { localOptions, startServices, type Services } from './server.js';

const DATA = path.join(import.meta.dirname, '..', 'data', 'deps');
const ROOT = path.join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const NOW = new Date('2026-11-20T00:00:00Z');
let svc: Services;
let tmp: string;
let dbPath: string;

beforeAll(async () => {
  svc = await startServices();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-deps-'));
  dbPath = path.join(tmp, 'osv.sqlite');
  const db = AdvisoryDb.open(dbPath);
  await db.importPath(path.join(DATA, 'osv-pypi', 'pypa-advisory-database-2024-10-10.jsonl.gz'));
  await db.importPath(path.join(DATA, 'osv', 'npm-all.zip'));
  db.close();
});
afterAll(async () => {
  await svc.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  svc.requests.length = 0;
  svc.fail = {};
  svc.pageSize = 1000;
});

const opts = (extra: Record<string, unknown> = {}) => localOptions(svc, { cacheDir: false, dbPath: path.join(tmp, 'missing.sqlite'), now: NOW, ...extra });
const kinds = (r: { findings: { kind: string; dependency: { name: string } }[] }) => r.findings.map((f) => `${f.kind}:${f.dependency.name}`).sort();

describe('checkPackages against the local OSV, npm and PyPI servers', () => {
  it('finds vulnerable, malicious, nonexistent, suspicious and typosquatted packages', async () => {
    const r = await checkPackages([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
      { ecosystem: 'npm', name: 'reqeust', version: '2.81.1' },
      { ecosystem: 'npm', name: 'huggingface-helpers-pro-redpen-test' },
      { ecosystem: 'npm', name: 'esbuild' },
      { ecosystem: 'npm', name: 'colorss' },
      { ecosystem: 'PyPI', name: 'requests', version: '2.19.0' },
      { ecosystem: 'PyPI', name: 'huggingface-helpers-pro' },
      { ecosystem: 'PyPI', name: 'fastapi-auth-helperz', version: '0.1.0' },
    ], opts());
    expect(r.unchecked).toEqual([]);
    expect(r.advisorySource).toMatch(/^OSV API/);
    expect(kinds(r)).toEqual([
      'invented:huggingface-helpers-pro', 'invented:huggingface-helpers-pro-redpen-test', 'malicious:colorss', 'malicious:reqeust', 'suspicious:fastapi-auth-helperz',
      'typosquat:reqeust', 'vulnerable:lodash', 'vulnerable:requests',
    ]);
    const lodash = r.findings.find((f) => f.kind === 'vulnerable' && f.dependency.name === 'lodash')!;
    expect(lodash).toMatchObject({ severity: 'high', ruleId: 'deps.vulnerable-dependency' });
    expect(lodash.dependency).toMatchObject({
      advisories: ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'], aliases: ['CVE-2020-8203', 'CVE-2021-23337'], fixedIn: '4.17.21', affected: '>=3.7.0 <4.17.19',
    });
    // the most severe of the two (CVSS 7.4 against 7.2) names the range; the fix covers both
    expect(lodash.dependency.cvss).toMatch(/^CVSS:3\.1\/AV:N\/AC:H\/PR:N.* \(7\.4\)$/);
    expect(lodash.message).toMatch(/Upgrade to 4\.17\.21 or later/);
    const req = r.findings.find((f) => f.kind === 'vulnerable' && f.dependency.name === 'requests')!;
    expect(req.dependency).toMatchObject({ fixedIn: '2.31.0', advisories: ['PYSEC-2018-28', 'PYSEC-2023-74'] });
    expect(r.findings.find((f) => f.kind === 'malicious' && f.dependency.name === 'reqeust')!.severity).toBe('critical');
    const removed = r.findings.find((f) => f.dependency.name === 'colorss')!;
    expect(removed).toMatchObject({ ruleId: 'deps.removed-package', severity: 'high', dependency: { resembles: 'colors' } });
    const invented = r.findings.find((f) => f.dependency.name === 'huggingface-helpers-pro-redpen-test')!;
    expect(invented).toMatchObject({ severity: 'high', ruleId: 'deps.nonexistent-package' });
    expect(invented.message).toMatch(/does not exist on the npm registry.*Do not install it/);
    const sus = r.findings.find((f) => f.kind === 'suspicious' && f.dependency.name === 'fastapi-auth-helperz')!;
    expect(sus.severity).toBe('high');
    expect(sus.dependency.reasons).toEqual(['first published 9 day(s) ago', 'only 1 version(s) published', 'no source repository linked', '0.1.0 has no wheel: installing it runs the package\'s build code']);
    expect(r.findings.find((f) => f.kind === 'typosquat')!.dependency.resembles).toBe('request');
    // batched: one querybatch for all versions, each advisory fetched once
    expect(svc.requests.filter((q) => q.path === '/osv/v1/querybatch')).toHaveLength(1);
    const vulnPaths = svc.requests.filter((q) => q.path.startsWith('/osv/v1/vulns/')).map((q) => q.path);
    expect(new Set(vulnPaths).size).toBe(vulnPaths.length);
  });

  it('flags versions that were never published and ranges no release satisfies', async () => {
    const dir = project({ 'requirements.txt': 'requests==9.9.9\nJinja2>=2.4,<4\n', 'package.json': '{"dependencies": {"lodash": "^99.0.0", "left-pad": "1.3.0"}}' });
    const { targets } = await collectTargets(['.'], { cwd: dir });
    const r = await analyzeDependencies(targets, dir, opts({ checks: { vulnerabilities: false } }));
    expect(r.findings.map((f) => `${f.ruleId} ${f.dependency!.name}: ${f.dependency!.reasons}`)).toEqual([
      'deps.nonexistent-version lodash: No published version of "lodash" satisfies "^99.0.0".',
      'deps.nonexistent-version requests: Version 9.9.9 of "requests" was never published on PyPI.',
    ]);
  });

  it('a guessed import one letter from a popular name is left alone unless the registry knows it', async () => {
    const dir = project({ 'a.py': 'import server\nimport reqeusts\n' });
    const { targets } = await collectTargets(['.'], { cwd: dir });
    const r = await analyzeDependencies(targets, dir, opts({ offline: true }));
    expect(r.findings.map((f) => `${f.ruleId} ${f.dependency!.name}`)).toEqual(['deps.typosquat reqeusts']);
  });

  it('follows querybatch pages', async () => {
    svc.pageSize = 2;
    const r = await checkPackages([{ ecosystem: 'PyPI', name: 'jinja2', version: '2.4.1' }], opts({ checks: { registry: false } }));
    expect(r.findings[0].dependency.advisories).toHaveLength(5);
    expect(svc.requests.filter((q) => q.path === '/osv/v1/querybatch')).toHaveLength(3);
  });

  it('caches registry documents and advisories on disk', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const pkgs = [{ ecosystem: 'npm' as const, name: 'lodash', version: '4.17.15' }, { ecosystem: 'PyPI' as const, name: 'requests', version: '2.19.0' }];
    const first = await checkPackages(pkgs, opts({ cacheDir }));
    const n = svc.requests.length;
    const second = await checkPackages(pkgs, opts({ cacheDir }));
    expect(second.findings).toEqual(first.findings);
    const again = svc.requests.slice(n).map((q) => q.path);
    expect(again).toEqual(['/osv/v1/querybatch']);
  });

  it('a registry error is reported as an unchecked check, never as a clean result', async () => {
    svc.fail = { npm: 503, osv: 500 };
    const r = await checkPackages([{ ecosystem: 'npm', name: 'huggingface-helpers-pro-redpen-test' }, { ecosystem: 'npm', name: 'lodash', version: '4.17.15' }], opts());
    expect(r.findings.filter((f) => f.kind !== 'typosquat')).toEqual([]);
    expect(r.advisorySource).toBe('none');
    expect(r.unchecked.map((u) => u.check).sort()).toEqual(['registry', 'vulnerabilities']);
    expect(r.unchecked.find((u) => u.check === 'registry')!.reason).toMatch(/answered 503/);
    expect(r.unchecked.find((u) => u.check === 'vulnerabilities')!.reason).toMatch(/answered 500.*no local advisory database/);
  });

  it('falls back to the local database when the OSV API fails, and says so', async () => {
    svc.fail = { osv: 502 };
    const r = await checkPackages([{ ecosystem: 'npm', name: 'lodash', version: '4.17.15' }], opts({ dbPath, checks: { registry: false } }));
    expect(kinds(r)).toEqual(['vulnerable:lodash']);
    expect(r.advisorySource).toMatch(/^local database/);
    expect(r.unchecked[0].reason).toMatch(/answered 502 Bad Gateway; used the local advisory database instead/);
  });

  it('does not wait on a host that stopped answering: one timeout, then the rest are skipped', async () => {
    svc.fail = { npm: 'hang' };
    const started = Date.now();
    const r = await checkPackages(['a-1', 'b-2', 'c-3', 'd-4'].map((name) => ({ ecosystem: 'npm' as const, name })), opts({ timeoutMs: 300, concurrency: 1, checks: { vulnerabilities: false } }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(svc.requests.filter((q) => q.path.startsWith('/npm/'))).toHaveLength(1);
    expect(r.unchecked).toHaveLength(1);
    expect(r.unchecked[0]).toMatchObject({ check: 'registry', packages: ['a-1', 'b-2', 'c-3', 'd-4'] });
    expect(r.unchecked[0].reason).toMatch(/no answer within 300 ms/);
  });

  it('offline: no request at all, advisories from the database, the registry check listed as not run', async () => {
    const r = await checkPackages([{ ecosystem: 'PyPI', name: 'requests', version: '2.19.0' }, { ecosystem: 'npm', name: 'expresss' }], opts({ offline: true, dbPath }));
    expect(svc.requests).toEqual([]);
    expect(kinds(r)).toEqual(['typosquat:expresss', 'vulnerable:requests']);
    // the recorded advisories end in October 2024: two years later the database is stale, and says so
    expect(r.unchecked).toMatchObject([{ check: 'registry', packages: ['requests', 'expresss'] }, { check: 'vulnerabilities', reason: expect.stringMatching(/up to 2024-10-10 \(770 days old, older than 7 days\)/) }]);
    const none = await checkPackages([{ ecosystem: 'PyPI', name: 'requests', version: '2.19.0' }], opts({ offline: true }));
    expect(none.unchecked.map((u) => u.check).sort()).toEqual(['registry', 'vulnerabilities']);
  });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'proj-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const PROJECT = {
  'package.json': `{\n  "name": "demo",\n  "dependencies": {\n    "lodash": "^4.17.0",\n    "reqeust": "2.81.1"\n  }\n}\n`,
  'package-lock.json': `{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "demo" },\n    "node_modules/lodash": { "version": "4.17.15" },\n    "node_modules/reqeust": { "version": "2.81.1" }\n  }\n}\n`,
  'index.js': `import _ from 'lodash';\nimport left from 'left-pad';\nimport { x } from './local.js';\n`,
  'requirements.txt': `requests==2.19.0\n-r more.txt\n`,
  'more.txt': `jinja2==2.4.1\n`,
  'app/main.py': `import requests\nimport yaml\nfrom app import helpers\nimport huggingface_helpers_pro  # redpen-ignore: deps.nonexistent-package -- known internal name\n`,
  'app/helpers.py': `x = 1\n`,
  'notes/chat.md': '```python\nimport fastapi_auth_helperz\n```\n',
};

describe('project analysis', () => {
  it('reports each problem once, where it must be fixed', async () => {
    const dir = project(PROJECT);
    const { targets } = await collectTargets(['.'], { cwd: dir });
    const r = await analyzeDependencies(targets, dir, opts());
    const where = r.findings.map((f) => `${f.ruleId} ${f.dependency!.name} ${f.location.path}:${f.location.start.line}${f.suppressed ? ' (suppressed)' : ''}`);
    expect(where).toEqual([
      'deps.undeclared-import PyYAML app/main.py:2',
      'deps.nonexistent-package huggingface_helpers_pro app/main.py:4 (suppressed)',
      'deps.undeclared-import huggingface_helpers_pro app/main.py:4',
      'deps.undeclared-import left-pad index.js:2',
      'deps.vulnerable-dependency jinja2 more.txt:1',
      'deps.suspicious-package fastapi_auth_helperz notes/chat.md:2',
      'deps.vulnerable-dependency lodash package-lock.json:5',
      'deps.malicious-package reqeust package-lock.json:6',
      'deps.typosquat reqeust package.json:5',
      'deps.vulnerable-dependency requests requirements.txt:1',
    ]);
    expect(r.errors).toEqual([]);
    expect(r.unchecked).toEqual([]);
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(r.findings.length);
  });

  it('renders text, JSON and SARIF like other findings', async () => {
    const dir = project({ 'requirements.txt': 'requests==2.19.0\nreqeusts==1.0\n' });
    const { targets } = await collectTargets(['.'], { cwd: dir });
    const r = await analyzeDependencies(targets, dir, opts({ offline: true, dbPath }));
    const result = assemble([{ path: 'requirements.txt', findings: r.findings, errors: [], lines: 2, bytes: 30 }], [], [], 'low', ['requirements.txt'], 0);
    result.unchecked = r.unchecked;
    result.stats.durationMs = 0;
    const text = reporterFor('text')!.render(result, { color: false, cwd: dir, version: 'X' });
    expect(text.replace(/updated \d{4}-\d\d-\d\d/g, 'updated DATE')).toMatchSnapshot();
    const sarif = JSON.parse(reporterFor('sarif')!.render(result, { cwd: dir, version: 'X' }));
    const ajv4 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv4 as never);
    const validSarif = ajv4.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/data/sarif-2.1.0-rtm.5.json'), 'utf8')));
    expect(validSarif(sarif) ? [] : validSarif.errors).toEqual([]);
    const res = sarif.runs[0].results;
    expect(res.map((x: { ruleId: string }) => x.ruleId)).toEqual(['deps.vulnerable-dependency', 'deps.typosquat']);
    expect(res[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'requirements.txt' }, region: { startLine: 1, startColumn: 1, endColumn: 9 } });
    expect(res[0].properties.dependency).toMatchObject({ ecosystem: 'PyPI', name: 'requests', version: '2.19.0', fixedIn: '2.31.0' });
    const json = JSON.parse(reporterFor('json')!.render(result, { cwd: dir, version: 'X' }));
    const validJson = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/redpen-output.schema.json'), 'utf8')));
    expect(validJson(json) ? [] : validJson.errors).toEqual([]);
    expect(json.findings[0]).toMatchObject({ kind: 'dependency', dependency: { name: 'requests' } });
  });
});

describe('redpen deps / db commands', () => {
  const run = async (argv: string[]) => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(argv);
      return { code, out };
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
  };

  it('exit status follows --fail-on; JSON lists findings and the checks that did not run', async () => {
    const dir = project({ 'requirements.txt': 'requests==2.19.0\n' });
    const base = ['deps', dir, '--offline', '--db', dbPath, '-f', 'json'];
    const hi = await run([...base, '--fail-on', 'medium']);
    expect(hi.code).toBe(1);
    const json = JSON.parse(hi.out);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['deps.vulnerable-dependency']);
    expect(json.errors).toEqual([]);
    expect(json.unchecked).toEqual([expect.objectContaining({ check: 'registry', reason: expect.stringMatching(/^offline/) }), expect.objectContaining({ check: 'vulnerabilities', reason: expect.stringMatching(/older than 7 days/) })]);
    expect((await run([...base, '--fail-on', 'critical'])).code).toBe(0);
    expect((await run(['deps', dir, '--list'])).out).toMatch(/^PyPI\trequests\t2\.19\.0\tmanifest\t.*requirements\.txt:1\n$/);
  });

  it('db import and db update (from a local archive server)', async () => {
    const file = path.join(tmp, 'cli.sqlite');
    const imp = await run(['db', 'import', path.join(DATA, 'osv', 'npm-all.zip'), '--db', file]);
    expect(imp.code).toBe(1); // one broken entry in the archive is reported
    expect(imp.out).toMatch(/4 imported, 0 unchanged, 0 skipped \(not npm or PyPI\), 1 failed/);
    const stats = await updateDatabase({ dbPath: path.join(tmp, 'upd.sqlite'), ecosystems: ['npm'], archiveUrl: `${svc.url}/archive` });
    expect(stats.get('npm')).toMatchObject({ imported: 4, failed: 1 });
    await expect(updateDatabase({ dbPath: path.join(tmp, 'upd.sqlite'), ecosystems: ['PyPI'], archiveUrl: `${svc.url}/archive` })).rejects.toThrow(/404/);
    const failed = await run(['db', 'update', '--db', path.join(tmp, 'upd.sqlite'), '--ecosystem', 'PyPI', '--url', `${svc.url}/archive`, '-q']);
    expect(failed.code).toBe(2);
    const kept = AdvisoryDb.open(path.join(tmp, 'upd.sqlite'), { mustExist: true, readOnly: true });
    expect(kept.recordsFor('npm', 'lodash')).toHaveLength(2);
    kept.close();
  });
});

describe('redpen scan', () => {
  it('folds dependency findings in; offline by default; --no-deps turns them off', async () => {
    const dir = project({ 'package.json': '{"dependencies": {"expresss": "1.0.0"}}\n', 'a.py': 'import reqeusts\n' });
    process.env.REDPEN_DB = path.join(tmp, 'missing.sqlite');
    try {
      const r = await runScan({ paths: ['.'], cwd: dir, rules: [], cache: false, jobs: 1 });
      expect(r.findings.map((f) => `${f.ruleId} ${f.location.path}`).sort()).toEqual(['deps.typosquat a.py', 'deps.typosquat package.json']);
      expect(r.errors).toEqual([]);
      // what a scan cannot check without the network or a database is listed, not skipped unseen
      expect(r.unchecked).toEqual([
        { check: 'registry', reason: expect.stringMatching(/--deps-online/), packages: ['expresss', 'reqeusts'] },
        { check: 'vulnerabilities', reason: expect.stringMatching(/no local advisory database/), packages: ['expresss@1.0.0'] },
      ]);
      expect(svc.requests).toEqual([]);
      const off = await runScan({ paths: ['.'], cwd: dir, rules: [], cache: false, jobs: 1, detectors: { dependencies: false } });
      expect(off.findings).toEqual([]);
      const online = await runScan({ paths: ['.'], cwd: dir, rules: [], cache: false, jobs: 1, detectors: { dependencies: { online: true, ...localOptions(svc), cacheDir: false } } });
      expect(online.findings.map((f) => `${f.ruleId} ${f.dependency!.name}`).sort()).toEqual([
        'deps.nonexistent-package reqeusts', 'deps.nonexistent-version expresss', 'deps.suspicious-package expresss', 'deps.typosquat expresss',
      ]);
    } finally {
      delete process.env.REDPEN_DB;
    }
  });
});
