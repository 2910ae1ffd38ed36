/**
 * Hardening (issue 13, Secrets): no secret leaves a scan in full, on any output path, and what
 * identifies a secret (its fingerprint) cannot be checked against a guess without the key.
 *
 * The planted values are built at run time (test/secrets/fakes.ts), so this file carries no
 * scannable token. "Leak" means any 10 consecutive characters of a value: a redacted form shows
 * at most the first 6, and a clipped trace label that keeps 39 of a token's 40 characters (the
 * last is a checksum) gives the token away.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanner, loadRules } from '../../src/api.js';
import type { Rule } from '../../src/core/rule.js';
import { Scanner } from '../../src/core/scanner.js';
import type { ScanResult } from '../../src/core/types.js';
import { startGuard } from '../../src/guard/proxy.js';
import { checkText } from '../../src/guard/text.js';
import { runHook } from '../../src/hooks/index.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { reporterFor } from '../../src/report/index.js';
import { createDetectors } from '../../src/runner/detectors.js';
import { runScan } from '../../src/runner/index.js';
import '../../src/capabilities.js';
import { Redaction } from '../../src/secrets/redact.js';
import { githubToken, rand, URLSAFE } from '../secrets/fakes.js';
import { chatChunks, chatCompletion, startUpstream, streamEvents } from '../surfaces/upstream.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const TOKEN = githubToken();
// what the generic detector reports by its name; weak enough that an unkeyed hash gives it away
const PASSWORD = 'Summer2024!Summer';
const VALUES = { token: TOKEN, password: PASSWORD };

/** Any 10 consecutive characters of the value (its first 6 may show in a redacted form). */
function leaks(out: string, value: string): string | null {
  const w = Math.min(10, value.length);
  for (let i = 0; i + w <= value.length; i++) if (out.includes(value.slice(i, i + w))) return value.slice(i, i + w);
  return null;
}

function expectNoLeak(out: string, where: string): void {
  for (const [name, value] of Object.entries(VALUES)) {
    const hit = leaks(out, value);
    expect(hit, `${where} shows ${name} (${hit ? `…${hit}…` : ''})`).toBeNull();
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// the issue's reproduction, and the password reaching a shell through a second call
const APP = [
  'import os',
  '',
  `db_password = "${PASSWORD}"`,
  '',
  '',
  'def run():',
  `    os.system("echo a ${TOKEN} " + input())`,
  `    os.system("mysql --password=${PASSWORD} -e " + input())`,
  '',
].join('\n');

// a rule whose message interpolates the command and whose fix quotes it
const SYSTEM_RULE = [
  'rules:',
  '  - id: test.system-call',
  '    message: os.system runs $CMD through a shell. Pass a list to subprocess.run instead.',
  '    severity: ERROR',
  '    languages: [python]',
  '    pattern: os.system($CMD)',
  '    fix: subprocess.run($CMD)',
  '',
].join('\n');

let dir: string;
let rules: Rule[];
let systemRule: Rule[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-leak-'));
  fs.writeFileSync(path.join(dir, 'app.py'), APP);
  fs.writeFileSync(path.join(dir, 'system-rule.yaml'), SYSTEM_RULE);
  rules = (await loadRules(['recommended', path.join(dir, 'system-rule.yaml')])).rules;
  systemRule = rules.filter((r) => r.id === 'test.system-call');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('item 1: every output path redacts', () => {
  let result: ScanResult;
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = path.join(dir, 'cache');
    result = await runScan({ paths: [path.join(dir, 'app.py')], cwd: dir, rules, detectors: { secrets: true }, cache: cacheDir, jobs: 1 });
  });

  it('text, text --explain, JSON and SARIF show no value, whole or clipped', () => {
    // the reproduction reports the flow and the secrets, so the checks below see them
    const taint = result.findings.find((f) => f.kind === 'taint' && f.location.start.line === 7);
    expect(taint?.trace?.length).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.ruleId === 'test.system-call')).toBe(true);
    // the password once by its name, once in the mysql command line
    expect(result.findings.map((f) => f.secret?.detector).filter(Boolean).sort()).toEqual(['generic-password', 'generic-password', 'github-pat']);
    expectNoLeak(reporterFor('text')!.render(result, { version: '0', cwd: dir }), 'text');
    expectNoLeak(reporterFor('text')!.render(result, { version: '0', cwd: dir, explain: true }), 'text --explain');
    expectNoLeak(reporterFor('json')!.render(result, { version: '0', cwd: dir }), 'JSON');
    expectNoLeak(reporterFor('sarif')!.render(result, { version: '0', cwd: dir }), 'SARIF');
  });

  it('trace labels keep their shape: the token is replaced by its redacted form', () => {
    const taint = result.findings.find((f) => f.kind === 'taint' && f.location.start.line === 7)!;
    const sink = taint.trace!.find((s) => s.kind === 'sink')!;
    expect(sink.message).toMatch(/^reaches "echo a ghp_.{0,2}…\[redacted [0-9a-f]{8}\]/);
  });

  it('the result cache holds no value (and a cached re-scan reports the same redacted findings)', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)));
    };
    walk(cacheDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectNoLeak(fs.readFileSync(f, 'utf8'), `cache entry ${path.basename(f)}`);
    const again = await runScan({ paths: [path.join(dir, 'app.py')], cwd: dir, rules, detectors: { secrets: true }, cache: cacheDir, jobs: 1 });
    expect(again.stats.filesCached).toBe(1);
    expect(again.findings.map((f) => f.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
  });

  it('a fix whose replacement would carry a secret is not offered; the others are', () => {
    const calls = result.findings.filter((f) => f.ruleId === 'test.system-call');
    expect(calls).toHaveLength(2);
    for (const f of calls) expect(f.fix).toBeUndefined();
    for (const f of calls) expectNoLeak(JSON.stringify(f), 'fix');
  });

  it('with secret detection off, provider tokens are still hidden (clipped ones too)', async () => {
    const off = await runScan({ paths: [path.join(dir, 'app.py')], cwd: dir, rules, detectors: { secrets: false }, cache: false, jobs: 1 });
    expect(off.findings.some((f) => f.kind === 'secret')).toBe(false);
    const json = reporterFor('json')!.render(off, { version: '0', cwd: dir });
    expect(leaks(json, TOKEN)).toBeNull();
    expect(leaks(reporterFor('text')!.render(off, { version: '0', cwd: dir, explain: true }), TOKEN)).toBeNull();
  });

  it('a finding reported in one file with text from another (cross-file taint) is redacted by the file the text came from', async () => {
    const proj = path.join(dir, 'proj');
    fs.mkdirSync(proj);
    fs.writeFileSync(path.join(proj, 'helpers.py'), `import os\n\n\ndef run(arg):\n    os.system("echo a ${TOKEN} " + arg)\n`);
    fs.writeFileSync(path.join(proj, 'main.py'), 'from helpers import run\n\nrun(input())\n');
    const r = await runScan({ paths: [proj], cwd: proj, rules, detectors: { secrets: true }, cache: false, jobs: 1 });
    expect(r.findings.some((f) => f.kind === 'taint' && f.location.path === 'helpers.py')).toBe(true);
    expectNoLeak(reporterFor('json')!.render(r, { version: '0', cwd: proj }), 'cross-file JSON');
  });
});

describe('item 1: the redaction itself', () => {
  const KEY = 'c'.repeat(64);

  it('hides provider-format tokens, whole or clipped, and leaves look-alikes in ordinary code alone', () => {
    const r = new Redaction(KEY);
    const tokens = [
      githubToken(),
      `sk-proj-${rand(60, URLSAFE)}T3BlbkFJ${rand(60, URLSAFE)}`,
      `xoxb-${rand(12, '0123456789')}-${rand(12, '0123456789')}-${rand(24)}`,
      `AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      `glpat-${rand(20, URLSAFE)}`,
    ];
    for (const t of tokens) {
      for (const shown of [t, `${t.slice(0, -1)}`, `${t.slice(0, 24)}...`]) {
        const out = r.text(`curl -H "Authorization: Bearer ${shown}" https://api.example.com.`);
        expect(leaks(out, t), `${t.slice(0, 5)}… as ${shown.length} chars: ${out}`).toBeNull();
        expect(out).toMatch(/^curl -H "Authorization: Bearer .{0,6}…\[redacted [0-9a-f]{8}\]/);
      }
    }
    const ordinary = [
      '<div class="fc-event-container-main">',
      'const api = "API-GatewayConfiguration"',
      'from sklearn import svm  # sk-learn-compatible-estimator',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host',
      'integrity sha512-3QxWTm1V9EMGfBgDjpDmyKQ9yHqfMpVnEf1KRsYQoFpKzFGOoA1dJnNKbmFxCGAh',
      'return patternMatcherHelper2(x)',
      'row.pk_getElementsByClassName()',
      'headers = {"x-sdk-version-1700000000000": 1}',
    ];
    for (const o of ordinary) expect(r.text(o)).toBe(o);
  });

  it('hides every run of 8+ characters of a found value, a key block line by line (also as \\n escapes), and leaves its own redacted forms alone', () => {
    const r = new Redaction(KEY);
    const body = Array.from({ length: 4 }, () => rand(64, `${URLSAFE}+/`.replace(/[-_]/g, '')));
    const pem = `-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----\\n`;
    const pw = 'Summer2024!Summer';
    const marks = [r.mark(pem), r.mark(pw)];
    const quoted = r.text(`key = "${pem}"; check(${pw.slice(3, 14)}); ${body[2].slice(5, 40)}`);
    for (const v of [pw, ...body]) expect(leaks(quoted, v), quoted).toBeNull();
    expect(quoted).toContain('-----BEGIN PRIVATE KEY-----');
    for (const m of marks) expect(r.text(`x = "${m.redacted}"`)).toBe(`x = "${m.redacted}"`);
  });
});

describe('item 1: agent-facing surfaces', () => {
  const RESPONSE = `Here it is:\n\n\`\`\`python\n${APP}\`\`\`\n`;
  const scanners = new Map<boolean, Scanner>();
  beforeAll(async () => {
    for (const secrets of [true, false]) scanners.set(secrets, await createScanner({ rules, secrets }));
  });

  it('MCP scan_code and scan_files answers carry no value, with and without secret detection', async () => {
    for (const secrets of [true, false]) {
      const server = await createMcpServer({ cwd: dir, config: ['recommended', path.join(dir, 'system-rule.yaml')], secrets });
      const [a, b] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'leak-test', version: '1' });
      await Promise.all([server.connect(a), client.connect(b)]);
      try {
        for (const [tool, args] of [
          ['scan_code', { code: APP, language: 'python' }],
          ['scan_files', { paths: ['app.py'] }],
        ] as const) {
          const r = (await client.callTool({ name: tool, arguments: args })) as { content: { text: string }[]; structuredContent?: unknown };
          const text = JSON.stringify(r);
          expect(text, `${tool} found something`).toContain('test.system-call');
          // the password is known only to the detector; the token has a provider format
          if (secrets) expectNoLeak(text, `MCP ${tool}`);
          else expect(leaks(text, TOKEN), `MCP ${tool} without secret detection`).toBeNull();
        }
      } finally {
        await client.close();
        await server.close();
      }
    }
  });

  it('hook answers carry no value, with and without secret detection', async () => {
    for (const secrets of [true, false]) {
      const scanner = scanners.get(secrets)!;
      const write = { hook_event_name: 'PreToolUse', cwd: '/proj', tool_name: 'Write', tool_input: { file_path: '/proj/app.py', content: APP } };
      const out = runHook('claude', JSON.stringify(write), { scanner, readFile: () => null });
      expect(out.stdout).toContain('test.system-call');
      if (secrets) expectNoLeak(out.stdout + out.stderr, 'hook');
      else expect(leaks(out.stdout + out.stderr, TOKEN), 'hook without secret detection').toBeNull();
    }
  });

  it('guard annotations and block messages carry no value, with and without secret detection', async () => {
    for (const secrets of [true, false]) {
      const scanner = scanners.get(secrets)!;
      const annotated = checkText(scanner, RESPONSE, { policy: 'annotate' });
      expect(annotated.annotation).toContain('test.system-call');
      const blocked = checkText(scanner, RESPONSE, { policy: 'block' });
      const out = `${annotated.annotation}\n${JSON.stringify(annotated.findings)}\n${JSON.stringify(blocked.blocking)}`;
      if (secrets) expectNoLeak(out, 'guard');
      else expect(leaks(out, TOKEN), 'guard without secret detection').toBeNull();
    }
  });
});

describe('item 1: the guard content log', () => {
  it('--log-content logs prompts and responses (streamed ones whole) with tokens hidden', async () => {
    const answer = `Use it like this:\n\n\`\`\`python\n${APP}\`\`\`\n`;
    const up = await startUpstream((r, res) => {
      if ((r.body as { stream?: boolean }).stream) return streamEvents(res, chatChunks(answer.match(/[\s\S]{1,5}/g)!), 0);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(chatCompletion(answer)));
    });
    const logs: string[] = [];
    const scanner = await createScanner({ rules: systemRule, secrets: true });
    const guard = await startGuard({ upstream: up.url, port: 0, scanner, logContent: true, log: (l) => logs.push(l) });
    try {
      for (const stream of [false, true]) {
        const body = { model: 'm', stream, messages: [{ role: 'user', content: `my token is ${TOKEN}, fix this:\n${APP}` }] };
        await (await fetch(`${guard.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
      }
    } finally {
      await guard.close();
      await up.close();
    }
    const all = logs.join('\n');
    expect(all).toContain('response choice 0 (streamed)');
    expect(leaks(all, TOKEN), all).toBeNull();
    // the log still shows the content around it
    expect(all).toContain('my token is ghp_');
  });
});

describe('item 2: keyed secret fingerprints', () => {
  const scannerWith = (secretKey: string) => Scanner.create({ rules: systemRule, detectors: createDetectors({ secrets: true }), secretKey });
  const scanWith = async (secretKey: string) => (await scannerWith(secretKey)).scanText('app.py', APP);

  it('JSON and SARIF carry no unkeyed hash of a value, only a short keyed fingerprint', async () => {
    const result = await runScan({ paths: [path.join(dir, 'app.py')], cwd: dir, rules, detectors: { secrets: true }, cache: false, jobs: 1 });
    const secrets = result.findings.filter((f) => f.secret);
    expect(secrets).toHaveLength(3);
    for (const f of secrets) {
      expect(Object.keys(f.secret!)).not.toContain('hash');
      expect(f.secret!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    for (const format of ['json', 'sarif']) {
      const out = reporterFor(format)!.render(result, { version: '0', cwd: dir });
      for (const [name, value] of Object.entries(VALUES)) expect(out.includes(sha256(value).slice(0, 8)), `${format} holds sha256(${name})`).toBe(false);
    }
    // the documented schema describes the secret object (and nothing else may appear in it)
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(root, 'schemas/redpen-output.schema.json'), 'utf8')));
    validate(JSON.parse(reporterFor('json')!.render(result, { version: '0', cwd: dir })));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('fingerprints of secrets, and of findings whose code holds one, depend on the key; the same key gives the same ones', async () => {
    const k1 = 'a'.repeat(64);
    const k2 = 'b'.repeat(64);
    const [a, a2, b] = [await scanWith(k1), await scanWith(k1), await scanWith(k2)];
    expect(a.findings.map((f) => f.fingerprint)).toEqual(a2.findings.map((f) => f.fingerprint));
    const holding = (r: typeof a) => r.findings.filter((f) => f.secret || f.ruleId === 'test.system-call');
    expect(holding(a)).toHaveLength(5);
    holding(a).forEach((f, i) => {
      expect(f.fingerprint, f.ruleId).not.toBe(holding(b)[i].fingerprint);
      if (f.secret) expect(f.secret.fingerprint).not.toBe(holding(b)[i].secret!.fingerprint);
    });
    // code holding no secret fingerprints the same under any key (baselines of it stay valid)
    const plain = 'import os\n\n\ndef run():\n    os.system("ls " + input())\n';
    const fp = async (key: string) => (await scannerWith(key)).scanText('app.py', plain).findings.map((f) => f.fingerprint);
    const p1 = await fp(k1);
    expect(p1.length).toBeGreaterThan(0);
    expect(p1).toEqual(await fp(k2));
  });

  describe('baselines (the built CLI)', () => {
    const bin = path.join(root, 'bin', 'redpen.js');
    const cli = (args: string[], cache: string) =>
      spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cache, REDPEN_SECRET_KEY: '', NO_COLOR: '1' },
      });

    it('a baseline records the key its fingerprints were made with, and matches on another machine', () => {
      const made = cli(['baseline', 'create', 'app.py', '-c', 'system-rule.yaml', '-o', 'base.json', '--no-project-config', '-q'], path.join(dir, 'machine-a'));
      expect(made.status, made.stderr).toBe(0);
      const base = JSON.parse(fs.readFileSync(path.join(dir, 'base.json'), 'utf8'));
      expect(base.salt).toMatch(/^[0-9a-f]{64}$/);
      const text = JSON.stringify(base);
      // the baseline in the scanned folder is not itself reported as a hard-coded secret
      const self = cli(['secrets', '.', '--format', 'json', '--no-cache'], path.join(dir, 'machine-a'));
      expect((JSON.parse(self.stdout) as ScanResult).findings.filter((f) => f.location.path === 'base.json')).toEqual([]);
      for (const [name, value] of Object.entries(VALUES)) {
        expect(leaks(text, value), name).toBeNull();
        expect(text.includes(sha256(value).slice(0, 8)), `baseline holds sha256(${name})`).toBe(false);
      }
      // another machine: another cache folder, so another default key
      const scanned = cli(['scan', 'app.py', '-c', 'system-rule.yaml', '--baseline', 'base.json', '--no-project-config', '--format', 'json', '--no-cache'], path.join(dir, 'machine-b'));
      const out = JSON.parse(scanned.stdout) as ScanResult;
      // every finding matches, the rule's too (its code holds the secrets)
      expect(out.findings).toEqual([]);
      expect(out.suppressed.filter((f) => f.kind === 'secret')).toHaveLength(3);
      expect(out.suppressed.filter((f) => f.ruleId === 'test.system-call')).toHaveLength(2);
      // without the baseline, machine B's own key fingerprints differently
      const own = JSON.parse(cli(['scan', 'app.py', '-c', 'system-rule.yaml', '--no-project-config', '--format', 'json', '--no-cache'], path.join(dir, 'machine-b')).stdout) as ScanResult;
      const byRule = (r: ScanResult, id: string) => [...r.findings, ...r.suppressed].find((f) => f.ruleId === id)!.secret!.fingerprint;
      expect(byRule(own, 'secrets.github-pat')).not.toBe(byRule(out, 'secrets.github-pat'));
    });

    it('a baseline from before keyed fingerprints is reported: its secret entries cannot match', () => {
      const old = {
        version: 1,
        tool: 'redpen',
        createdAt: '2025-01-01T00:00:00.000Z',
        entries: [{ fingerprint: '0'.repeat(32), ruleId: 'secrets.github-pat', path: 'app.py' }],
      };
      fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
      const r = cli(['scan', 'app.py', '-c', 'system-rule.yaml', '--baseline', 'old.json', '--no-project-config', '--format', 'json', '--no-cache'], path.join(dir, 'machine-a'));
      const out = JSON.parse(r.stdout) as ScanResult;
      expect(out.errors.some((e) => e.level === 'warning' && /old\.json/.test(e.path + e.message) && /baseline create/.test(e.message))).toBe(true);
    });
  });
});
