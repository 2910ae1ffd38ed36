/**
 * Running each peer once on a corpus: wall time, CPU time and peak RSS of the whole process
 * (through /usr/bin/time), findings per rule, and files the tool could not parse. Each peer
 * runs with its usual command line and default rule set for the purpose named in the report.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORK_DIR, errMsg, listFiles, run, tail } from './util.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child');
const OUT_DIR = path.join(WORK_DIR, 'out');
const TIMEOUT = 30 * 60_000;

async function outFile(name) {
  await fsp.mkdir(OUT_DIR, { recursive: true });
  return path.join(OUT_DIR, `${name}-${process.pid}-${Date.now()}.json`);
}

function failure(r, what) {
  if (r.timedOut) return `${what} timed out after ${TIMEOUT / 60_000} min`;
  const text = r.stderr || r.stdout || '';
  // the first error line says more than the tail of a stack trace
  const line = text.split('\n').find((l) => /error/i.test(l) && !/^\s+at /.test(l));
  const last = tail(text, 1);
  const said = [line?.trim().slice(0, 300), last].filter((v, i, a) => v && a.indexOf(v) === i).join(' … ');
  return `${what} exited ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${said || 'no message'}`;
}

function measured(r, extra) {
  return { ms: r.ms, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB, ...extra };
}

function rel(p) {
  return p.replace(/^\.\//, '');
}

function countBy(items, key) {
  const by = {};
  for (const i of items) {
    const k = key(i);
    by[k] = (by[k] ?? 0) + 1;
  }
  return by;
}

/**
 * With `keep`, runners also return `locations`: [{ path (relative to the corpus), line,
 * endLine, ruleId }], for scoring findings against labelled lines.
 */

/** Bandit over a folder, all its default tests, JSON report. */
export async function runBandit(peer, corpus, { keep = false } = {}) {
  const out = await outFile('bandit');
  const r = await run(peer.cmd[0], [...peer.cmd.slice(1), '-r', '.', '-f', 'json', '-o', out, '--quiet'], { cwd: corpus.dir, env: peer.env, measure: true, timeoutMs: TIMEOUT });
  // exit 1 means issues were found
  if (r.code !== 0 && r.code !== 1) return { error: failure(r, 'bandit') };
  try {
    const j = JSON.parse(await fsp.readFile(out, 'utf8'));
    await fsp.rm(out, { force: true });
    const locations = keep ? j.results.map((x) => ({ path: rel(x.filename), line: x.line_number, endLine: Math.max(...(x.line_range ?? [x.line_number])), ruleId: x.test_id })) : undefined;
    return measured(r, { findings: j.results.length, byRule: countBy(j.results, (x) => `${x.test_id} ${x.test_name}`), parseErrors: j.errors.length, locations });
  } catch (e) {
    return { error: `bandit report unreadable: ${errMsg(e)}` };
  }
}

/** Ruff's S rules via the WebAssembly build, on one worker or spread over `jobs` threads. */
export async function runRuff(peer, corpus, jobs, { keep = false } = {}) {
  const files = await listFiles(corpus.dir, (f) => f.endsWith('.py'));
  const argsFile = await outFile('ruff-args');
  await fsp.writeFile(argsFile, JSON.stringify({ module: peer.module, dir: corpus.dir, files, jobs, keep }));
  const r = await run(process.execPath, [path.join(CHILD, 'ruff.js'), argsFile], { measure: true, timeoutMs: TIMEOUT });
  await fsp.rm(argsFile, { force: true });
  if (r.code !== 0) return { error: failure(r, 'ruff') };
  try {
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    return measured(r, { findings: j.findings, byRule: j.byRule, parseErrors: j.parseErrors, inProcessMs: j.ms, locations: j.locations });
  } catch (e) {
    return { error: `ruff output unreadable: ${errMsg(e)}` };
  }
}

/** ESLint with eslint-plugin-security and @microsoft/eslint-plugin-sdl (recommended configs). */
export async function runEslint(peer, corpus, jobs, { keep = false } = {}) {
  const out = await outFile('eslint');
  const args = [...peer.cmd.slice(1), '-c', peer.config, '--no-inline-config', '--no-warn-ignored', '-f', 'json', '-o', out, '--concurrency', jobs <= 1 ? 'off' : String(jobs), '.'];
  const r = await run(peer.cmd[0], args, { cwd: corpus.dir, measure: true, timeoutMs: TIMEOUT });
  if (r.code !== 0 && r.code !== 1) return { error: failure(r, 'eslint') };
  try {
    const j = JSON.parse(await fsp.readFile(out, 'utf8'));
    await fsp.rm(out, { force: true });
    const messages = j.flatMap((f) => f.messages);
    const fatal = j.filter((f) => f.messages.some((m) => m.fatal)).length;
    const real = messages.filter((m) => m.ruleId);
    const locations = keep ? j.flatMap((f) => f.messages.filter((m) => m.ruleId).map((m) => ({ path: path.relative(corpus.dir, f.filePath).split(path.sep).join('/'), line: m.line, endLine: m.endLine ?? m.line, ruleId: m.ruleId }))) : undefined;
    return measured(r, { findings: real.length, byRule: countBy(real, (m) => m.ruleId), parseErrors: fatal, filesLinted: j.length, locations });
  } catch (e) {
    return { error: `eslint report unreadable: ${errMsg(e)}` };
  }
}

/** gitleaks over a folder (not git history), its default configuration. */
export async function runGitleaks(peer, corpus) {
  const out = await outFile('gitleaks');
  const r = await run(peer.bin, ['dir', '.', '--report-format', 'json', '--report-path', out, '--no-banner', '--exit-code', '0', '--log-level', 'error'], { cwd: corpus.dir, measure: true, timeoutMs: TIMEOUT });
  if (r.code !== 0) return { error: failure(r, 'gitleaks') };
  try {
    const j = JSON.parse(await fsp.readFile(out, 'utf8'));
    await fsp.rm(out, { force: true });
    return measured(r, { findings: j.length, byRule: countBy(j, (x) => x.RuleID) });
  } catch (e) {
    return { error: `gitleaks report unreadable: ${errMsg(e)}` };
  }
}

/** TruffleHog's filesystem scan without verification (no network calls). */
export async function runTrufflehog(peer, corpus, jobs = os.availableParallelism?.() ?? os.cpus().length) {
  const out = await outFile('trufflehog');
  const r = await run(peer.bin, ['filesystem', '.', '--no-verification', '--json', '--no-update', '--concurrency', String(jobs)], { cwd: corpus.dir, measure: true, timeoutMs: TIMEOUT, stdoutFile: out });
  if (r.code !== 0 && r.code !== 183) return { error: failure(r, 'trufflehog') };
  try {
    const lines = (await fsp.readFile(out, 'utf8')).split('\n').filter((l) => l.startsWith('{'));
    await fsp.rm(out, { force: true });
    const items = lines.map((l) => JSON.parse(l)).filter((x) => x.DetectorName);
    return measured(r, { findings: items.length, byRule: countBy(items, (x) => x.DetectorName) });
  } catch (e) {
    return { error: `trufflehog output unreadable: ${errMsg(e)}` };
  }
}

/** secretlint with its recommended preset over every file of the folder. */
export async function runSecretlint(peer, corpus) {
  const out = await outFile('secretlint');
  const r = await run(peer.cmd[0], [...peer.cmd.slice(1), '**/*', '--secretlintrc', peer.config, '--format', 'json', '--output', out, '--no-color'], { cwd: corpus.dir, measure: true, timeoutMs: TIMEOUT });
  if (r.code !== 0 && r.code !== 1) return { error: failure(r, 'secretlint') };
  try {
    const text = await fsp.readFile(out, 'utf8').catch(() => '[]');
    await fsp.rm(out, { force: true });
    const j = JSON.parse(text || '[]');
    const messages = j.flatMap((f) => f.messages ?? []);
    return measured(r, { findings: messages.length, byRule: countBy(messages, (m) => m.ruleId) });
  } catch (e) {
    return { error: `secretlint report unreadable: ${errMsg(e)}` };
  }
}
