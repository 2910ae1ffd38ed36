import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetectors } from '../../src/runner/detectors.js';
import '../../src/capabilities.js';
import { githubToken, rand } from './fakes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'redpen.js');

function redpen(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const token = githubToken();
const stripe = `sk_live_${rand(30)}`;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-secrets-cli-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  git('init', '-q');
  // one small rule: these tests are about secrets, not the rule pack
  fs.writeFileSync(path.join(dir, 'rule.yaml'), 'rules:\n  - id: t.eval\n    message: eval\n    severity: WARNING\n    languages: [python]\n    pattern: eval(...)\n');
  fs.writeFileSync(path.join(dir, 'app.py'), `STRIPE_KEY = "${stripe}"\n`);
  git('add', '.');
  git('commit', '-qm', 'stripe');
  fs.writeFileSync(path.join(dir, 'app.py'), `TOKEN = "${token}"\n`);
  git('commit', '-qam', 'swap');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('redpen secrets and scan', () => {
  it('DetectorConfig.secrets turns the detector on and off', () => {
    expect(createDetectors({ secrets: true }).map((d) => d.id)).toContain('secrets');
    expect(createDetectors({ secrets: false }).map((d) => d.id)).not.toContain('secrets');
  });

  it('scan reports secrets with exit 1, --no-secrets does not', () => {
    const on = redpen(['scan', '.', '-c', 'rule.yaml', '-f', 'json', '--no-cache', '-q'], dir);
    expect(on.code).toBe(1);
    expect(JSON.parse(on.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('secrets.github-pat');
    const off = redpen(['scan', '.', '-c', 'rule.yaml', '-f', 'json', '--no-cache', '-q', '--no-secrets'], dir);
    expect(JSON.parse(off.stdout).findings.filter((f: { kind: string }) => f.kind === 'secret')).toEqual([]);
  });

  it('secrets --history finds the key removed from the tree, with its commit; SARIF holds no value', () => {
    const r = redpen(['secrets', '--history', '-f', 'sarif'], dir);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results as { ruleId: string; properties: { secret: { redacted: string } } }[];
    expect(results.map((x) => x.ruleId).sort()).toEqual(['secrets.github-pat', 'secrets.stripe-secret-key']);
    expect(r.stdout.includes(stripe) || r.stdout.includes(token)).toBe(false);
  });

  it('baseline create, then scan --baseline reports nothing new', () => {
    const b = path.join(dir, 'base.json');
    expect(redpen(['baseline', 'create', '.', '-c', 'rule.yaml', '-o', b, '-q'], dir).code).toBe(0);
    expect(fs.readFileSync(b, 'utf8').includes(token)).toBe(false);
    const r = redpen(['scan', '.', '-c', 'rule.yaml', '--baseline', b, '-f', 'json', '--no-cache', '-q'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).suppressed.map((f: { ruleId: string }) => f.ruleId)).toContain('secrets.github-pat');
  });

  it('a bad option is a usage error (exit 2)', () => {
    const r = redpen(['secrets', '.', '--severity', 'loud'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--severity must be one of/);
  });
});
