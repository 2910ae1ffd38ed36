/**
 * Precision and recall per detector family on the labelled secrets corpus (corpus.js), for
 * redpen and, when their binaries are given, gitleaks, TruffleHog (--no-verification) and
 * secretlint, all run on the same freshly written folder in the same run.
 *
 * Contract (see README.md): `scoreSecrets({ peers, redpenBin, keep })` resolves to
 * `{ corpus, tools: { [name]: { version?, error?, ms, findings, overall, families } } }`; the
 * default export is the benchmark plug-in (`ctx.peers` from bench/run.js).
 * Command line: `node bench/secrets/score.js [--gitleaks BIN] [--trufflehog BIN]
 * [--secretlint BIN] [--keep DIR] [--json]`, or the same through REDPEN_BENCH_GITLEAKS,
 * REDPEN_BENCH_TRUFFLEHOG, REDPEN_BENCH_SECRETLINT.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.join(HERE, '..', '..');
const FAMILIES = ['cloud', 'code-hosting', 'ai', 'payments', 'messaging', 'database', 'private-key', 'saas', 'generic'];

function run(cmd, args, { cwd, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: -1, stdout, stderr: String(e), ms: 0 });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

const rel = (dir, p) => path.relative(dir, path.resolve(dir, p)).split(path.sep).join('/');

/** Each runner returns { hits: [{ file, line, rule }], ms, version? } or { error }. */
const RUNNERS = {
  async redpen(bin, dir) {
    const out = path.join(os.tmpdir(), `redpen-secrets-score-${process.pid}.json`);
    const r = await run(process.execPath, [bin, 'secrets', '.', '-f', 'json', '-o', out, '--no-cache', '-q', '--fail-on', 'none', '--severity', 'info'], { cwd: dir });
    if (r.code !== 0) return { error: `redpen exited ${r.code}: ${r.stderr.split('\n')[0]}` };
    const j = JSON.parse(await fs.readFile(out, 'utf8'));
    await fs.rm(out, { force: true });
    return { ms: r.ms, hits: j.findings.map((f) => ({ file: rel(dir, f.location.path), line: f.location.start.line, rule: f.ruleId })) };
  },
  async gitleaks(bin, dir) {
    const out = path.join(os.tmpdir(), `gitleaks-score-${process.pid}.json`);
    const r = await run(bin, ['dir', '.', '--report-format', 'json', '--report-path', out, '--no-banner', '--exit-code', '0', '--log-level', 'error'], { cwd: dir });
    if (r.code !== 0) return { error: `gitleaks exited ${r.code}: ${r.stderr.split('\n')[0]}` };
    const j = JSON.parse(await fs.readFile(out, 'utf8'));
    await fs.rm(out, { force: true });
    return { ms: r.ms, hits: j.map((f) => ({ file: rel(dir, f.File), line: f.StartLine, rule: f.RuleID })) };
  },
  async trufflehog(bin, dir) {
    const r = await run(bin, ['filesystem', '.', '--no-verification', '--json', '--no-update'], { cwd: dir });
    if (r.code !== 0 && r.code !== 183) return { error: `trufflehog exited ${r.code}: ${r.stderr.split('\n')[0]}` };
    const items = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((x) => x.DetectorName);
    return {
      ms: r.ms,
      hits: items.map((x) => {
        const m = x.SourceMetadata?.Data?.Filesystem ?? {};
        // TruffleHog's filesystem source numbers lines from 0
        return { file: rel(dir, m.file ?? ''), line: (m.line ?? 0) + 1, rule: x.DetectorName };
      }),
    };
  },
  async secretlint(bin, dir) {
    const config = path.join(os.tmpdir(), `secretlintrc-${process.pid}.json`);
    await fs.writeFile(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const out = path.join(os.tmpdir(), `secretlint-score-${process.pid}.json`);
    const cmd = bin.endsWith('.js') ? [process.execPath, bin] : [bin];
    const r = await run(cmd[0], [...cmd.slice(1), '**/*', '.*/**/*', '.*', '--secretlintrc', config, '--format', 'json', '--output', out, '--no-color'], { cwd: dir });
    await fs.rm(config, { force: true });
    if (r.code !== 0 && r.code !== 1) return { error: `secretlint exited ${r.code}: ${r.stderr.split('\n')[0]}` };
    const j = JSON.parse((await fs.readFile(out, 'utf8').catch(() => '[]')) || '[]');
    await fs.rm(out, { force: true });
    return { ms: r.ms, hits: j.flatMap((f) => (f.messages ?? []).map((m) => ({ file: rel(dir, f.filePath), line: m.loc?.start?.line ?? 0, rule: m.ruleId }))) };
  },
};

/** Score hits against labels: a hit inside a label's lines is that label's. */
export function score(labels, hits) {
  const byFile = new Map();
  for (const l of labels) {
    const list = byFile.get(l.file) ?? [];
    list.push(l);
    byFile.set(l.file, list);
  }
  const found = new Set();
  const unlabelled = new Set();
  for (const h of hits) {
    const l = (byFile.get(h.file) ?? []).find((x) => h.line >= x.line && h.line <= x.endLine);
    if (l) found.add(l);
    else unlabelled.add(`${h.file}:${h.line}`);
  }
  const families = {};
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const f of FAMILIES) {
    const pos = labels.filter((l) => l.family === f && l.positive);
    const neg = labels.filter((l) => l.family === f && !l.positive);
    const t = pos.filter((l) => found.has(l)).length;
    const p = neg.filter((l) => found.has(l)).length;
    families[f] = { positives: pos.length, negatives: neg.length, tp: t, fp: p, fn: pos.length - t, precision: t + p ? t / (t + p) : null, recall: pos.length ? t / pos.length : null, missed: pos.filter((l) => !found.has(l)).map((l) => `${l.file}:${l.line} ${l.what}`), falseAlarms: neg.filter((l) => found.has(l)).map((l) => `${l.file}:${l.line} ${l.what}`) };
    tp += t;
    fn += pos.length - t;
    fp += p;
  }
  fp += unlabelled.size;
  return { overall: { tp, fp, fn, unlabelled: [...unlabelled].sort(), precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null }, families };
}

async function version(name, bin) {
  const args = name === 'trufflehog' ? ['--version'] : name === 'gitleaks' ? ['version'] : ['--version'];
  const cmd = bin.endsWith('.js') ? [process.execPath, bin] : [bin];
  const r = await run(cmd[0], [...cmd.slice(1), ...args], { timeoutMs: 30_000 });
  return `${r.stdout}${r.stderr}`.trim().split('\n')[0].slice(0, 80);
}

/**
 * Write the corpus to a temporary folder (or `keep`), run every tool on it and score them.
 * `peers`: { gitleaks?: { bin }, trufflehog?: { bin }, secretlint?: { bin } | { cmd: [..] } }.
 */
export async function scoreSecrets({ peers = {}, redpenBin = path.join(REPO, 'bin', 'redpen.js'), keep } = {}) {
  const dir = keep ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-secrets-corpus-')));
  try {
    const corpus = await buildCorpus(dir);
    const tools = {};
    const entries = [['redpen', redpenBin], ...Object.entries(peers).map(([n, p]) => [n, p?.bin ?? p?.cmd?.[p.cmd.length - 1] ?? p])];
    for (const [name, bin] of entries) {
      if (!bin || typeof bin !== 'string' || !RUNNERS[name]) continue;
      try {
        const r = await RUNNERS[name](bin, dir);
        if (r.error) {
          tools[name] = { error: r.error };
          continue;
        }
        const given = peers[name]?.version;
        tools[name] = { version: name === 'redpen' ? undefined : (given ?? (await version(name, bin))), ms: Math.round(r.ms), findings: r.hits.length, ...score(corpus.labels, r.hits) };
      } catch (e) {
        tools[name] = { error: String(e?.message ?? e) };
      }
    }
    const pos = corpus.labels.filter((l) => l.positive).length;
    return { corpus: { files: corpus.files, positives: pos, negatives: corpus.labels.length - pos }, tools };
  } finally {
    if (!keep) await fs.rm(dir, { recursive: true, force: true });
  }
}

const pct = (x) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

export function toMarkdown(res) {
  const names = Object.keys(res.tools);
  const out = [];
  out.push(`Labelled corpus: ${res.corpus.files} files, ${res.corpus.positives} planted secrets, ${res.corpus.negatives} realistic negatives (bench/secrets/corpus.js). Precision / recall per detector family; a finding on an unlabelled line counts as a false alarm in the overall figures.`);
  out.push('');
  out.push(`| family | ${names.map((n) => `${n}${res.tools[n].version ? ` (${res.tools[n].version})` : ''}`).join(' | ')} |`);
  out.push(`| --- | ${names.map(() => '---').join(' | ')} |`);
  for (const f of FAMILIES) {
    const cells = names.map((n) => {
      const t = res.tools[n];
      if (t.error) return 'failed';
      const x = t.families[f];
      return `${pct(x.precision)} / ${pct(x.recall)}`;
    });
    const any = names.find((n) => !res.tools[n].error);
    const fam = any ? res.tools[any].families[f] : null;
    out.push(`| ${f}${fam ? ` (${fam.positives}+, ${fam.negatives}−)` : ''} | ${cells.join(' | ')} |`);
  }
  out.push(`| **overall** | ${names.map((n) => (res.tools[n].error ? `**failed:** ${res.tools[n].error}` : `**${pct(res.tools[n].overall.precision)} / ${pct(res.tools[n].overall.recall)}**`)).join(' | ')} |`);
  out.push(`| findings, wall time | ${names.map((n) => (res.tools[n].error ? '' : `${res.tools[n].findings}, ${(res.tools[n].ms / 1000).toFixed(2)} s`)).join(' | ')} |`);
  return out.join('\n');
}

/** bench/run.js plug-in: peers as the harness installed them. */
export default async function secrets(ctx) {
  const peers = {};
  for (const name of ['gitleaks', 'trufflehog', 'secretlint']) {
    const p = ctx.peers?.[name];
    if (!p || p.error) continue;
    peers[name] = { bin: name === 'secretlint' ? p.cmd?.[p.cmd.length - 1] : p.bin, version: p.version };
  }
  const res = await scoreSecrets({ peers, redpenBin: ctx.redpen?.bin });
  return { markdown: toMarkdown(res), json: res };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const peers = {};
  for (const name of ['gitleaks', 'trufflehog', 'secretlint']) {
    const bin = opt(name) ?? process.env[`REDPEN_BENCH_${name.toUpperCase()}`];
    if (bin) peers[name] = { bin };
  }
  const res = await scoreSecrets({ peers, keep: opt('keep') });
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(res, null, 2)}\n` : `${toMarkdown(res)}\n`);
}
