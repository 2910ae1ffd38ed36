/**
 * The README's quick start, `npm run example`: the scan of the bundled examples/ folder.
 *
 * The whole set of (file, line, rule) is compared, not a subset: every flaw examples/README.md
 * promises must be found, and the safe look-alikes beside them must stay quiet. The scan runs as
 * the npm script runs it, offline, with a cache folder of its own so that an advisory database
 * on the machine cannot change the result; a second scan adds the recorded advisories in
 * test/data/deps, as after `redpen db update`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'redpen.js');
/** The arguments of `npm run example` (package.json), plus JSON output. */
const EXAMPLE_ARGS = ['scan', 'examples', '--no-cache', '--fail-on', 'none'];

/** A reported finding, or (with `of`) a related one: another rule's report of the flaw `of` reports. */
type Row = [file: string, line: number, rule: string, of?: string];

/** What the offline scan finds, file by file (see examples/README.md for the story of each). */
const OFFLINE: Row[] = [
  ['examples/.env', 9, 'secrets.aws-access-key-id'],
  ['examples/.env', 10, 'secrets.aws-secret-access-key'],
  ['examples/.env', 13, 'secrets.stripe-secret-key'],
  // the token is in a cell's saved output; the pickle in a cell's code
  ['examples/analysis.ipynb', 36, 'secrets.github-pat'],
  ['examples/analysis.ipynb', 64, 'python.unsafe-deserialization'],
  ['examples/app/api/preview/route.ts', 3, 'deps.undeclared-import'],
  ['examples/app/api/preview/route.ts', 23, 'javascript.ssrf'],
  ['examples/app/api/preview/route.ts', 31, 'javascript.sql-built-from-strings', 'javascript.sql-injection'],
  ['examples/app/api/preview/route.ts', 31, 'javascript.sql-injection'],
  ['examples/chat-answer.md', 29, 'python.path-traversal'],
  // a request parameter reaches cursor.execute through find_notes_by_author
  ['examples/flask_app.py', 30, 'python.sql-injection'],
  ['examples/flask_app.py', 30, 'python.sql-injection-string-building', 'python.sql-injection'],
  ['examples/flask_app.py', 44, 'python.password-fast-hash'],
  ['examples/flask_app.py', 82, 'python.command-injection'],
  ['examples/flask_app.py', 82, 'python.subprocess-shell-true', 'python.command-injection'],
  ['examples/flask_app.py', 96, 'python.template-injection'],
  ['examples/flask_app.py', 96, 'python.template-string-building', 'python.template-injection'],
  ['examples/flask_app.py', 108, 'python.yaml-load-unsafe'],
  ['examples/flask_app.py', 124, 'python.tls-verify-disabled'],
  ['examples/flask_app.py', 137, 'python.debug-mode-enabled'],
  ['examples/package.json', 21, 'deps.typosquat'],
  ['examples/requirements.txt', 5, 'deps.typosquat'],
  ['examples/server.js', 15, 'javascript.cors-credentials-any-origin'],
  ['examples/server.js', 20, 'secrets.generic-secret'],
  ['examples/server.js', 32, 'javascript.jwt-none-algorithm'],
  ['examples/server.js', 42, 'javascript.jwt-algorithms-not-pinned'],
  ['examples/server.js', 51, 'javascript.html-built-from-strings', 'javascript.reflected-xss'],
  ['examples/server.js', 51, 'javascript.reflected-xss'],
  ['examples/server.js', 61, 'javascript.command-injection'],
  ['examples/server.js', 61, 'javascript.shell-command-built-from-strings', 'javascript.command-injection'],
  ['examples/server.js', 61, 'javascript.shell-command-string-concat', 'javascript.command-injection'],
  ['examples/server.js', 63, 'javascript.path-traversal'],
  ['examples/server.js', 78, 'javascript.code-injection'],
];

/** What a local advisory database adds: the pinned vulnerable versions. */
const WITH_ADVISORIES: Row[] = [
  ['examples/package.json', 16, 'deps.vulnerable-dependency'],
  ['examples/requirements.txt', 3, 'deps.vulnerable-dependency'],
];

/** The made-up credentials in the examples. */
const FAKE_SECRETS = [
  'AKIAREDPENDEMODET7FN',
  'RedpenDemoLfzZ3FCm5oKGCxDWHEGWeHUxckdpqN',
  'sk_live_RedpenDemoIFpelWtMniijdCmtbr9VksCj',
  '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',
  'orders-api-jwt-signing-secret-2024',
];

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-examples-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', XDG_CACHE_HOME: path.join(tmp, 'cache'), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Located {
  ruleId: string;
  location: { path: string; start: { line: number } };
}

interface Report {
  findings: (Located & { related?: Located[] })[];
  errors: unknown[];
  stats: { files: number; filesSkipped: number };
}

/** Every file in examples/ (the scan must account for each one). */
function exampleFiles(dir = path.join(root, 'examples')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? exampleFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function rows(report: Report): Row[] {
  return sorted(
    report.findings.flatMap((f): Row[] => [
      [f.location.path, f.location.start.line, f.ruleId],
      ...(f.related ?? []).map((r): Row => [r.location.path, r.location.start.line, r.ruleId, f.ruleId]),
    ]),
  );
}

function sorted(list: Row[]): Row[] {
  return [...list].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2].localeCompare(b[2]));
}

describe('npm run example', () => {
  it('offline: finds every flaw the examples describe, nothing on the safe look-alikes, no errors', () => {
    const r = run([...EXAMPLE_ARGS, '--format', 'json'], { REDPEN_DB: path.join(tmp, 'no-such.sqlite') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(report.stats.files).toBe(exampleFiles().length);
    expect(rows(report)).toEqual(sorted(OFFLINE));
    // reports name the made-up credentials, never print them
    for (const secret of FAKE_SECRETS) expect(r.stdout).not.toContain(secret);
  });

  it('with a local advisory database: adds the pinned vulnerable versions', () => {
    const db = path.join(tmp, 'osv.sqlite');
    const imported = run(
      ['db', 'import', '--db', db, 'test/data/deps/osv-pypi/pypa-advisory-database-2024-10-10.jsonl.gz', 'test/data/deps/osv/GHSA-35jh-r3h4-6jhm.json', 'test/data/deps/osv/GHSA-p6mc-m468-83gw.json'],
      {},
    );
    expect(imported.code).toBe(0);
    const r = run([...EXAMPLE_ARGS, '--format', 'json'], { REDPEN_DB: db });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(rows(report)).toEqual(sorted([...OFFLINE, ...WITH_ADVISORIES]));
  });
});
