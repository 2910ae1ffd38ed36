import { describe, expect, it } from 'vitest';
import { Scanner } from '../../src/core/scanner.js';
import type { Finding } from '../../src/core/types.js';
import { SecretsDetector } from '../../src/secrets/index.js';
import { classifyName } from '../../src/secrets/names.js';
import { isPlaceholder } from '../../src/secrets/placeholders.js';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { githubToken, hex, rand, uuid } from './fakes.js';

const scanner = Scanner.create({ rules: [], detectors: [new SecretsDetector()] });

async function scan(path: string, text: string): Promise<Finding[]> {
  const r = (await scanner).scanText(path, text);
  return r.findings;
}
const lines = (fs: Finding[]) => fs.map((f) => f.location.start.line);

describe('names in every casing', () => {
  it.each(['db_password', 'dbPassword', 'DB_PASSWORD', 'db-password', 'DbPassword', 'client_secret', 'clientSecret', 'apiKey', 'API_KEY', 'x-api-key', 'authToken', 'AUTH_TOKEN', 'secret_key_base', 'privateKey', 'passwd', 'pwd'])('%s names a secret', (n) => {
    expect(classifyName(n)).not.toBeNull();
  });
  it.each(['password_reset_url', 'token_type', 'max_tokens', 'tokenizer', 'api_key_header', 'PASSWORD_FIELD', 'primary_key', 'sort_key', 'keyboard', 'monkey', 'public_key', 'password_hash', 'secret_name', 'stripe_publishable_key', 'password_key', 'passwordMinLength'])('%s does not', (n) => {
    expect(classifyName(n)).toBeNull();
  });
});

describe('generic detection in Python through the syntax tree', () => {
  const code = [
    'import os, jwt, requests',
    'db_password = "Tr0ub4dor&3q"', // 2 assignment
    'conf = {"api_key": "q8Zr2LmX9vKp4Tn7Wb3Y"}', // 3 dict key
    'client = Client(secret_token="Nf7Kq2Vm9Xz4Lp8Rw3Tb")', // 4 keyword argument
    'self.clientSecret = "Hs9Lq3Vn7Xk2Pm8Zr4Wt"', // 5 attribute, camelCase
    'TOKEN = os.getenv("GITHUB_API_TOKEN", "Yk3Pq9Lm2Vx7Nr4Tz8Wb")', // 6 env default
    'key = os.environ.get("SERVICE_PASSWORD") or "Gh4Lk8Qp2Zx7Vm3"', // 7 env fallback
    'def login(user, password="Pw9Lx2Kq7Zr4"): pass', // 8 parameter default
    'r = requests.get(url, auth=("admin", "Qz8Lk3Vp9Xm2"))', // 9 auth tuple
    'tok = jwt.encode(payload, "Zx4Kq9Lm2Vp7Rt3Nw8Yb", algorithm="HS256")', // 10 credential parameter
    'if password == "Mk3Zq8Lp2Vx7":', // 11 comparison
    '    pass',
    'app.config["SECRET_KEY"] = "Lq7Zx2Kp9Vm4Rt8Nw3Yb"', // 13 subscript
    'db = connect(host="db", user="app")', // 14 nothing
    'password = os.environ["DB_PASSWORD"]', // 15 nothing: a reference
    'password = f"{prefix}Zq8Lk3Vp9"', // 16 nothing: interpolated
    'name = "Kq9Zx2Lm7Vp4Rt8Nw3Yb"', // 17 nothing: not a secret name
    'api_key = "your-api-key-here"', // 18 nothing: placeholder
    'request_id = "' + uuid() + '"', // 19 nothing
  ].join('\n');

  it('finds literals bound to secret names, env defaults and credential parameters', async () => {
    const fs = await scan('app.py', code);
    expect(lines(fs)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(fs.find((f) => f.location.start.line === 6)!.message).toContain('GITHUB_API_TOKEN');
    expect(fs.find((f) => f.location.start.line === 10)!.message).toContain('JWT signing key');
    expect(fs.every((f) => f.kind === 'secret' && f.ruleId.startsWith('secrets.generic-'))).toBe(true);
  });
});

describe('generic detection in JavaScript and TypeScript', () => {
  const code = [
    'const dbPassword = "Tr0ub4dor&3q";', // 1
    'const cfg = { apiKey: "q8Zr2LmX9vKp4Tn7Wb3Y", "client-secret": "Hs9Lq3Vn7Xk2Pm8Zr4Wt" };', // 2 (two)
    'const token = process.env.SLACK_TOKEN || "Yk3Pq9Lm2Vx7Nr4Tz8Wb";', // 3
    'const k = process.env["STRIPE_SECRET"] ?? "Gh4Lk8Qp2Zx7Vm3Rt9W";', // 4
    'class Svc { private authToken: string = "Nf7Kq2Vm9Xz4Lp8Rw3Tb"; }', // 5
    'function connect(password = "Pw9Lx2Kq7Zr4") {}', // 6
    'const sig = jwt.sign(payload, "Zx4Kq9Lm2Vp7Rt3Nw8Yb");', // 7
    'headers["Authorization"] = "Bearer Lq7Zx2Kp9Vm4Rt8Nw3Yb";', // 8
    'sgMail.setApiKey("Rm4Kx9Lq2Vp7Zt3Nw8Yb");', // 9
    'const label = "Password";', // 10 nothing
    'const tokenType = "Bearer";', // 11 nothing
    'const apiKey = process.env.API_KEY;', // 12 nothing
  ].join('\n');

  it('finds literals in declarations, objects, env fallbacks, fields, defaults and calls', async () => {
    const fs = await scan('app.ts', code);
    expect(lines(fs)).toEqual([1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('finds JSX props', async () => {
    const fs = await scan('App.jsx', 'export const A = () => <Map apiKey="q8Zr2LmX9vKp4Tn7Wb3Y" zoom={3} />;\n');
    expect(lines(fs)).toEqual([1]);
  });
});

describe('generic detection in config and other files (key = value)', () => {
  it('.env, YAML, JSON, TOML, INI, shell, Dockerfile', async () => {
    expect(lines(await scan('.env', 'DB_PASSWORD=Xk9#mP2vL7qR4\nSECRET_KEY=${SECRET_KEY}\nDEBUG=true\nAPI_TOKEN=changeme\n'))).toEqual([1]);
    expect(lines(await scan('config.yaml', 'db:\n  user: app\n  password: "Gr8!Vz4qLp2"\n  password_file: /run/secrets/db\n  token: ${{ secrets.TOKEN }}\n'))).toEqual([3]);
    expect(lines(await scan('settings.json', '{\n  "auth": {\n    "clientSecret": "Hs9Lq3Vn7Xk2Pm8Zr4Wt",\n    "tokenUrl": "https://auth.example.com/token"\n  }\n}\n'))).toEqual([3]);
    expect(lines(await scan('app.toml', '[database]\npassword = "Nq4Wz8Lx2Tp"\nhost = "db"\n'))).toEqual([2]);
    expect(lines(await scan('deploy.sh', '#!/bin/sh\nexport API_SECRET=Yk3Pq9Lm2Vx7Nr4Tz8Wb\ncurl -H "Authorization: Bearer $TOKEN" https://api\n'))).toEqual([2]);
    expect(lines(await scan('Dockerfile', 'FROM node:20\nENV ADMIN_PASSWORD Sup3r-S3cret-77\nARG NPM_TOKEN\n'))).toEqual([2]);
    expect(lines(await scan('Main.java', 'class M {\n  private static final String DB_PASSWORD = "Gr8!Vz4qLp2";\n  String pw = password;\n}\n'))).toEqual([2]);
  });
});

describe('few false alarms', () => {
  it.each(['changeme', 'your-api-key', 'xxx', 'xxxxxxxxxxxx', '<token>', '${VAR}', '{{ secret }}', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '********', 'sk_test_XXXXXXXXXXXXXXXXXXXXXXXX', 'abcdef123456', 'insert-your-key-here'])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it('UUIDs, hashes, integrity strings, data URIs and minified bundles do not fire', async () => {
    const text = [
      `{"id": "${uuid()}", "sha": "${hex(40)}", "checksum": "${hex(64)}",`,
      `"integrity": "sha512-${rand(86)}==",`,
      `"resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz", "key": "${hex(64)}",`,
      `"icon": "data:image/png;base64,${rand(300)}"}`,
    ].join('\n');
    expect(await scan('package-lock.json', text)).toEqual([]);
    const minified = `var a=${Array.from({ length: 400 }, (_, i) => `{key:"${rand(24)}",t${i}:1}`).join(',')};`;
    expect(await scan('vendor.js', minified)).toEqual([]);
  });

  it('names held by weakly named variables (cache keys, paths, resource names) do not fire; random keys still do', async () => {
    const py = [
      'key = "user:profile:settings:v"',
      'key = "static/images/logo-dark.svg"',
      'cache_key = "SESSION_STORE.REDIS_PREFIX"',
      `key = "${rand(32)}"`,
      '',
    ].join('\n');
    expect(lines(await scan('app/cache.py', py))).toEqual([4]);
    expect(lines(await scan('app/cache.js', py.replace(/^/gm, 'const '))).filter(Boolean)).toEqual([4]);
  });
});

describe('test files', () => {
  it('are scanned, with lower severity and inTestFile set', async () => {
    const line = `GITHUB_TOKEN = "${githubToken()}"\n`;
    const [prod] = await scan('src/app.py', line);
    const [test] = await scan('tests/test_app.py', line);
    expect(prod.severity).toBe('critical');
    expect(test.severity).toBe('medium');
    expect(test.secret?.inTestFile).toBe(true);
    expect(prod.secret?.inTestFile).toBeUndefined();
    for (const p of ['src/app.test.ts', 'fixtures/x.env', 'pkg/foo_test.go', '__tests__/a.js', 'spec/models/user_spec.rb']) {
      expect((await scan(p, line))[0]?.secret?.inTestFile, p).toBe(true);
    }
  });
});

describe('notebooks and markdown', () => {
  it('finds secrets in cell sources and in printed outputs, pointing at the cell', async () => {
    const nb = {
      cells: [
        { cell_type: 'code', source: ['import os\n', 'openai_key = "q8Zr2LmX9vKp4Tn7Wb3YhJ5d"\n'], outputs: [], metadata: {}, execution_count: 1 },
        {
          cell_type: 'code',
          source: ['print(os.environ)\n'],
          outputs: [{ output_type: 'stream', name: 'stdout', text: [`environ({'HOME': '/root', 'HF_TOKEN': 'hf_${rand(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}'})\n`] }],
          metadata: {},
          execution_count: 2,
        },
      ],
      metadata: { kernelspec: { language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const fs = await scan('analysis.ipynb', JSON.stringify(nb, null, 1));
    expect(fs.map((f) => [f.ruleId, f.location.cell])).toEqual([
      ['secrets.generic-secret', 0],
      ['secrets.huggingface-token', 1],
    ]);
  });

  it('finds keys pasted in markdown prose and in fences', async () => {
    const md = `# Setup\n\nUse the token ${githubToken()} to call the API.\n\n\`\`\`bash\nexport STRIPE_KEY=sk_live_${rand(32)}\n\`\`\`\n`;
    const fs = await scan('README.md', md);
    expect(fs.map((f) => [f.ruleId, f.location.start.line])).toEqual([
      ['secrets.github-pat', 3],
      ['secrets.stripe-secret-key', 6],
    ]);
  });
});

describe('forms assistants write', () => {
  it('a Google app password (four groups of four letters) passed as a password', async () => {
    const pw = Array.from({ length: 4 }, () => rand(4, 'qwrtypsdfghjklzxcvbnm')).join(' ');
    const js = [
      `const t = nodemailer.createTransport({ service: 'gmail', auth: { user: 'me@gmail.com', pass: '${pw}' } });`,
      `const label = { password: 'your app password' };`,
      `const t2 = { auth: { pass: 'abcd efgh ijkl mnop' } };`,
      `const note = { title: '${pw}' };`,
    ].join('\n');
    const found = await scan('mail.js', js);
    expect(found.map((f) => [f.location.start.line, f.ruleId])).toEqual([[1, 'secrets.generic-password']]);
  });

  it('a connection URL whose user is empty (redis://:password@host)', async () => {
    const found = await scan('cache.js', `const redis = new Redis('redis://:Sup3rS3cret9@cache.internal:6379');\nconst dev = new Redis('redis://localhost:6379');\n`);
    expect(found.map((f) => [f.location.start.line, f.ruleId])).toEqual([[1, 'secrets.redis-url']]);
  });
});

describe('one problem, one finding', () => {
  const RULE = loadRulesFromText(
    [
      'rules:',
      '  - id: test.jwt-hardcoded-secret',
      '    message: JWT signed with a literal key',
      '    severity: HIGH',
      '    languages: [javascript]',
      '    metadata: { cwe: ["CWE-798: Use of Hard-coded Credentials"] }',
      '    pattern: jwt.sign($P, "...", ...)',
      '  - id: test.any-call-with-literal',
      '    message: a call with a literal',
      '    severity: LOW',
      '    languages: [javascript]',
      '    metadata: { cwe: ["CWE-20"] }',
      '    pattern: audit($P, "...")',
    ].join('\n'),
    'r.yaml',
  ).rules;
  const withRules = Scanner.create({ rules: RULE, detectors: [new SecretsDetector()] });

  it("a generic secret inside a rule's hard-coded-credential finding is reported by the rule alone", async () => {
    const key = `k${rand(23)}`;
    const gh = githubToken();
    const text = [
      `const token = jwt.sign({ id: 1 }, '${key}');`,
      `const other = jwt.sign({ id: 1 }, '${gh}');`,
      `audit(x, '${key}'); const apiSecret = '${key}';`,
      '',
    ].join('\n');
    const r = (await withRules).scanText('auth.js', text);
    const got = r.findings.map((f) => `${f.location.start.line} ${f.ruleId}`).sort();
    expect(got).toEqual(['1 test.jwt-hardcoded-secret', '2 secrets.github-pat', '2 test.jwt-hardcoded-secret', '3 secrets.generic-secret', '3 test.any-call-with-literal'].sort());
    // the rule's own snippet still never shows the value
    for (const f of r.findings) expect(f.snippet.includes(key), `${f.ruleId}: ${f.snippet}`).toBe(false);
    // secrets only (no rules): the generic finding is there
    const alone = await scan('auth.js', text);
    expect(alone.filter((f) => f.location.start.line === 1).map((f) => f.ruleId)).toEqual(['secrets.generic-secret']);
  });
});
