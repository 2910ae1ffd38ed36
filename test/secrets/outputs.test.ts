import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseline, parseBaseline } from '../../src/core/baseline.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { reporterFor } from '../../src/report/index.js';
import { runScan } from '../../src/runner/index.js';
import { scanHistory } from '../../src/secrets/history.js';
import '../../src/capabilities.js';
import { awsSecret, ecKey, githubToken, jwt, pypiToken, rand, URLSAFE } from './fakes.js';

const ghp = githubToken();
const SECRETS = {
  github: ghp,
  aws: `AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  awsSecret: awsSecret(),
  openai: `sk-proj-${rand(60, URLSAFE)}T3BlbkFJ${rand(60, URLSAFE)}`,
  password: 'Vq8!zLp2Kx9#mR4t',
  dbPassword: 'Pg7Lx2Qz9Vk4',
  pypi: pypiToken(),
  jwt: jwt(),
  stripe: `sk_live_${rand(30)}`,
  ec: ecKey(),
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-secrets-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(
    path.join(dir, 'src/app.py'),
    [
      'import requests',
      `requests.get("https://api.github.com/user", headers={"Authorization": "token ${SECRETS.github}"})`,
      `AWS_ACCESS_KEY_ID = "${SECRETS.aws}"`,
      `AWS_SECRET_ACCESS_KEY = "${SECRETS.awsSecret}"`,
      `db_password = "${SECRETS.password}"`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY=${SECRETS.openai}\nDATABASE_URL=postgres://app:${SECRETS.dbPassword}@db:5432/app\nTWINE_PASSWORD=${SECRETS.pypi}\n`);
  fs.writeFileSync(path.join(dir, 'src/client.ts'), `export const session = "${SECRETS.jwt}";\nconst stripe = new Stripe("${SECRETS.stripe}");\n`);
  fs.writeFileSync(path.join(dir, 'deploy.md'), `# Deploy\n\n\`\`\`\n${SECRETS.ec}\`\`\`\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// a rule whose snippet quotes the line with the GitHub token: it must be scrubbed too
const RULE = loadRulesFromText(
  'rules:\n  - id: test.requests-call\n    message: requests call with $ARG\n    severity: WARNING\n    languages: [python]\n    pattern: requests.get($URL, headers=$ARG)\n',
  'r.yaml',
).rules;

async function scanDir(baseline?: Set<string>) {
  return runScan({ paths: [dir], cwd: dir, rules: RULE, detectors: { secrets: true }, cache: false, jobs: 1, baseline });
}

describe('never leak', () => {
  it('text, JSON and SARIF outputs contain no planted value, whole or by line', async () => {
    const result = await scanDir();
    const detectors = result.findings.filter((f) => f.kind === 'secret').map((f) => f.secret!.detector).sort();
    expect(detectors).toEqual(
      ['aws-access-key-id', 'aws-secret-access-key', 'generic-password', 'github-pat', 'jwt', 'openai-project-key', 'postgres-url', 'private-key', 'pypi-token', 'stripe-secret-key'].sort(),
    );
    expect(result.findings.some((f) => f.ruleId === 'test.requests-call')).toBe(true);
    for (const format of ['text', 'json', 'sarif']) {
      const out = reporterFor(format)!.render(result, { version: '0', cwd: dir });
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(out.includes(value), `${format} leaks ${name}`).toBe(false);
        // private keys: no line of the body either
        for (const line of value.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))) {
          expect(out.includes(line), `${format} leaks a line of ${name}`).toBe(false);
        }
      }
    }
    const gh = result.findings.find((f) => f.secret?.detector === 'github-pat')!;
    expect(gh.secret!.redacted).toMatch(/^ghp_.{0,2}…\[redacted [0-9a-f]{8}\]$/);
    expect(gh.secret!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(gh.snippet).toContain(gh.secret!.redacted);
  });
});

describe('text frames', () => {
  // the redaction is shorter or longer than the value: the caret follows the redacted text
  const caretUnder = (out: string, redacted: string) => {
    const lines = out.split('\n');
    const i = lines.findIndex((l) => l.includes(redacted) && /^\s*> \d+ \|/.test(l));
    expect(i, `a frame line showing ${redacted}`).toBeGreaterThan(-1);
    const code = lines[i];
    const marks = lines[i + 1];
    const from = marks.indexOf('^');
    return { at: code.indexOf(redacted), from, len: marks.length - from, code };
  };

  it('underlines exactly the redacted secret in source files, .env files and notebook outputs', async () => {
    const nb = path.join(dir, 'nb.ipynb');
    const output = `{'Authorization': 'token ${SECRETS.github}', 'x': 1}`;
    fs.writeFileSync(
      nb,
      JSON.stringify({
        cells: [{ cell_type: 'code', source: ['print(1)\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [output] }], metadata: {}, execution_count: 1 }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    try {
      const result = await scanDir();
      const out = reporterFor('text')!.render(result, { version: '0', cwd: dir });
      const checked = result.findings.filter((f) => f.kind === 'secret' && !f.secret!.detector.includes('private-key'));
      expect(checked.some((f) => f.location.path.endsWith('.ipynb'))).toBe(true);
      expect(checked.some((f) => f.location.path.endsWith('.env'))).toBe(true);
      for (const f of checked) {
        const c = caretUnder(out, f.secret!.redacted);
        expect(c.from, `${f.ruleId} caret start in ${c.code}`).toBe(c.at);
        expect(c.len, `${f.ruleId} caret length in ${c.code}`).toBe(f.secret!.redacted.length);
      }
    } finally {
      fs.rmSync(nb);
    }
  });
});

describe('baseline', () => {
  it('round-trips: known secrets are suppressed, a new one is reported, and the file holds no values', async () => {
    const first = await scanDir();
    const base = createBaseline(first.findings);
    const text = JSON.stringify(base);
    for (const value of Object.values(SECRETS)) expect(text.includes(value)).toBe(false);

    // shift every line and add a new secret: fingerprints of the old ones do not move
    const app = path.join(dir, 'src/app.py');
    const before = fs.readFileSync(app, 'utf8');
    const fresh = githubToken('gho_');
    fs.writeFileSync(app, `# moved down\n\n${before}OAUTH = "${fresh}"\n`);
    try {
      const second = await scanDir(parseBaseline(text, 'b.json'));
      expect(second.findings.map((f) => f.ruleId)).toEqual(['secrets.github-oauth-token']);
      expect(second.suppressed.length).toBe(first.findings.length);
      expect(second.suppressed.every((f) => f.suppressed?.kind === 'baseline')).toBe(true);
    } finally {
      fs.writeFileSync(app, before);
    }
  });
});

describe('git history', () => {
  it('finds a secret deleted from the working tree, with the commit that introduced it', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-history-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    try {
      git('init', '-q');
      fs.writeFileSync(path.join(repo, 'app.py'), 'print("hello")\n');
      git('add', '.');
      git('commit', '-qm', 'init');
      const token = githubToken();
      fs.writeFileSync(path.join(repo, 'app.py'), `print("hello")\nTOKEN = "${token}"\n`);
      fs.writeFileSync(path.join(repo, 'settings.yaml'), 'password: changeme\n');
      git('add', '.');
      git('commit', '-qm', 'add token');
      const introduced = git('rev-parse', 'HEAD');
      fs.writeFileSync(path.join(repo, 'app.py'), `print("hello")\nTOKEN = "${token}"  # still here\n`);
      git('commit', '-qam', 'touch the line');
      fs.writeFileSync(path.join(repo, 'app.py'), 'import os\nTOKEN = os.environ["TOKEN"]\n');
      git('commit', '-qam', 'remove token');

      const h = await scanHistory({ cwd: repo });
      expect(h.errors).toEqual([]);
      expect(h.commits).toBe(4);
      const findings = h.results.flatMap((r) => r.findings);
      expect(findings.map((f) => [f.ruleId, f.location.path, f.location.start.line, f.secret!.commit])).toEqual([['secrets.github-pat', 'app.py', 2, introduced]]);
      expect(JSON.stringify(findings).includes(token)).toBe(false);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('reports a git failure as an error, not a crash', async () => {
    const notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-norepo-'));
    try {
      const h = await scanHistory({ cwd: notRepo });
      expect(h.results).toEqual([]);
      expect(h.errors[0]?.message).toMatch(/git log failed/);
    } finally {
      fs.rmSync(notRepo, { recursive: true, force: true });
    }
  });
});

describe('benchmark scorer', () => {
  it('counts a hit inside a label as found, on a negative as a false alarm, elsewhere as unlabelled', async () => {
    // @ts-expect-error plain JavaScript module without types
    const { score } = (await import('../../bench/secrets/score.js')) as { score: (l: unknown[], h: unknown[]) => { overall: Record<string, unknown>; families: Record<string, Record<string, unknown>> } };
    const labels = [
      { file: 'a.py', line: 2, endLine: 2, family: 'ai', positive: true, what: 'key' },
      { file: 'k.pem', line: 1, endLine: 9, family: 'private-key', positive: true, what: 'pem' },
      { file: 'a.py', line: 5, endLine: 5, family: 'ai', positive: false, what: 'placeholder' },
      { file: 'b.env', line: 1, endLine: 1, family: 'generic', positive: true, what: 'password' },
    ];
    const r = score(labels, [
      { file: 'a.py', line: 2 },
      { file: 'a.py', line: 2 },
      { file: 'k.pem', line: 5 },
      { file: 'a.py', line: 5 },
      { file: 'c.txt', line: 1 },
    ]);
    expect(r.families.ai).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.families['private-key']).toMatchObject({ tp: 1, recall: 1 });
    expect(r.families.generic).toMatchObject({ tp: 0, fn: 1, recall: 0 });
    expect(r.overall).toMatchObject({ tp: 2, fp: 2, fn: 1, unlabelled: ['c.txt:1'] });
  });
});
