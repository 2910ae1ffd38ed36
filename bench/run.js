/**
 * `npm run bench`: one report, every number measured in this run on the same inputs.
 *
 *   node bench/run.js [--quick] [--runs N] [--peer-runs N] [--deadline MIN] [--taint-limit MIN]
 *                     [--no-peers] [--out FILE]
 *
 * With --deadline (or on SIGINT/SIGTERM) the run stops where it is and writes what it has
 * measured, marked incomplete. Order: snippets, plug-ins, then run by run redpen, the growth inputs and the peers.
 *
 * Invariants:
 * - Numbers are measured, never asserted: goals are compared and the report says by how much
 *   a goal is missed. Nothing here fails the build.
 * - Every redpen measurement runs in a fresh child process, so its peak RSS is its own.
 * - A corpus, a peer or a plug-in that cannot be set up or fails is reported with its reason;
 *   the rest still runs. Nothing is skipped silently.
 * - The committed report holds no machine paths.
 *
 * See bench/README.md for the corpora, the peers and the plug-in convention.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupCorpora, CORPORA_DIR } from './lib/corpora.js';
import { setupPeers } from './lib/peers.js';
import { runBandit, runEslint, runGitleaks, runRuff, runSecretlint, runTrufflehog } from './lib/peer-runs.js';
import { runPlugins } from './lib/plugins.js';
import { buildSnippets } from './lib/snippet-set.js';
import { evaluateGoals, redactPaths, renderReport } from './lib/report.js';
import { BENCH_DIR, REPO_ROOT, RESULTS_DIR, WORK_DIR, cores, errMsg, log, median, percentile, run, stopAll, summarize, tail } from './lib/util.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'child');

function parseArgs(argv) {
  const o = { quick: false, runs: null, peerRuns: null, peers: true, out: null, render: null, deadline: null, taintLimit: 6 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--no-peers') o.peers = false;
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--peer-runs') o.peerRuns = Number(argv[++i]);
    else if (a === '--out') o.out = argv[++i];
    else if (a === '--render') o.render = argv[++i];
    else if (a === '--deadline') o.deadline = Number(argv[++i]);
    else if (a === '--taint-limit') o.taintLimit = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node bench/run.js [--quick] [--runs N] [--peer-runs N] [--deadline MIN] [--taint-limit MIN] [--no-peers] [--out FILE.md]\n       node bench/run.js --render results/latest.json [--out FILE.md]   (re-render a report with the current NOTES.md, measuring nothing)\n');
      process.exit(0);
    } else {
      process.stderr.write(`unknown option ${a}\n`);
      process.exit(2);
    }
  }
  for (const [flag, v] of [['--runs', o.runs], ['--peer-runs', o.peerRuns], ['--deadline', o.deadline], ['--taint-limit', o.taintLimit]]) {
    if (v !== null && !(Number.isInteger(v) && v > 0)) {
      process.stderr.write(`${flag} needs a positive whole number\n`);
      process.exit(2);
    }
  }
  o.runs ??= o.quick ? 1 : 3;
  // peers (Bandit above all) cost more than redpen: their runs can be fewer
  o.peerRuns = Math.min(o.peerRuns ?? o.runs, o.runs);
  if (!o.render) o.out ??= path.join(RESULTS_DIR, o.quick ? 'quick.md' : 'latest.md');
  return o;
}

async function machineInfo() {
  const pkg = JSON.parse(await fsp.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const git = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT });
  const dirty = await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT });
  const py = await run('python3', ['--version']);
  const osRelease = await fsp.readFile('/etc/os-release', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cores: cores(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: /^PRETTY_NAME="?([^"\n]+)/m.exec(osRelease)?.[1] ?? `${os.type()} ${os.release()}`,
    node: process.version,
    python: py.code === 0 ? (py.stdout || py.stderr).trim() : null,
    redpen: pkg.version,
    commit: git.code === 0 ? git.stdout.trim() + (dirty.stdout.trim() ? ' (with uncommitted changes)' : '') : null,
  };
}

async function cpuPressure() {
  const t = await fsp.readFile('/proc/pressure/cpu', 'utf8').catch(() => null);
  const m = t && /some avg10=([\d.]+) avg60=([\d.]+)/.exec(t);
  return { loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), pressureSome60: m ? Number(m[2]) : null };
}

/** One redpen measurement in a fresh process (see lib/child/measure.js). */
async function redpenChild(mode, corpus, jobs, { timeoutMs = 60 * 60_000 } = {}) {
  const r = await run(process.execPath, [path.join(CHILD, 'measure.js'), JSON.stringify({ mode, dir: corpus.dir, jobs })], { measure: true, timeoutMs });
  if (r.timedOut) return { error: `redpen ${mode} did not finish within ${timeoutMs / 60_000} min`, timedOutMs: timeoutMs };
  let j;
  try {
    j = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: `redpen ${mode} exited ${r.code}: ${tail(r.stderr) || 'no output'}` };
  }
  if (j.error) return { error: `redpen ${mode}: ${j.error.split('\n')[0]}` };
  return { ...j, processMs: r.ms, processCpuMs: r.cpuMs ?? j.cpuMs, maxRssKB: Math.max(j.maxRssKB ?? 0, r.maxRssKB ?? 0) || null };
}

/** Collects repeated measurements under a key; summaries are computed at the end. */
class Recorder {
  constructor() {
    this.data = {};
  }
  add(group, key, value) {
    this.data[group] ??= {};
    this.data[group][key] ??= [];
    this.data[group][key].push(value);
  }
  summary(lines) {
    const out = {};
    for (const [group, entries] of Object.entries(this.data)) {
      out[group] = {};
      for (const [key, runs] of Object.entries(entries)) out[group][key] = summarizeRuns(runs, lines[group]);
    }
    return out;
  }
}

function summarizeRuns(runs, lines) {
  const ok = runs.filter((r) => !r.error);
  const errors = [...new Set(runs.filter((r) => r.error).map((r) => r.error))];
  if (!ok.length) return { error: errors.join('; '), runs: runs.length, timedOutMs: runs.find((r) => r.timedOutMs)?.timedOutMs };
  const ms = summarize(ok.map((r) => r.ms));
  const first = ok[0];
  return {
    runs: runs.length,
    failedRuns: runs.length - ok.length,
    errors,
    ms,
    processMs: summarize(ok.map((r) => r.processMs ?? r.ms)),
    cpuMs: summarize(ok.map((r) => r.segCpuMs ?? r.cpuMs)),
    processCpuMs: summarize(ok.map((r) => r.processCpuMs ?? r.cpuMs)),
    maxRssKB: Math.max(...ok.map((r) => r.maxRssKB ?? 0)) || null,
    linesPerSec: lines && ms ? lines / (ms.median / 1000) : null,
    findings: first.findings ?? null,
    byRule: first.byRule ?? null,
    parseErrors: first.parseErrors ?? first.failed ?? null,
    errorsByKind: first.errors && !Array.isArray(first.errors) ? first.errors : undefined,
    rules: first.rules,
    taintRules: first.taintRules,
    detectors: first.detectors,
    taintStandIn: first.taintStandIn,
    files: first.files,
  };
}

/** Re-render a report from its JSON (after editing NOTES.md or the renderer); measures nothing. */
async function renderOnly(opts) {
  const results = JSON.parse(await fsp.readFile(opts.render, 'utf8'));
  results.goals = evaluateGoals(results);
  results.notes = await fsp.readFile(path.join(BENCH_DIR, 'NOTES.md'), 'utf8').catch(() => null);
  const out = opts.out ?? opts.render.replace(/\.json$/, '.md');
  await fsp.writeFile(out, renderReport(results));
  await fsp.writeFile(opts.render, redactPaths(JSON.stringify(results, null, 1)) + '\n');
  log(`re-rendered ${path.relative(process.cwd(), out)}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.render) return renderOnly(opts);
  const N = cores();
  await fsp.mkdir(WORK_DIR, { recursive: true });
  await fsp.mkdir(RESULTS_DIR, { recursive: true });
  const problems = [];
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'api.js'))) {
    process.stderr.write('dist/ is missing: run `npm run bench` (it builds first)\n');
    process.exit(2);
  }
  const meta = { ...(await machineInfo()), mode: opts.quick ? 'quick' : 'full', runs: opts.runs, peerRuns: opts.peerRuns, taintLimitMin: opts.taintLimit, loadBefore: await cpuPressure() };
  log(`redpen benchmark (${meta.mode}, ${opts.runs} run(s), ${N} cores)`);

  const { real, scale } = await setupCorpora({ quick: opts.quick });
  for (const c of [...real, ...scale]) if (c.error) problems.push(`corpus ${c.id}: ${c.error}`);
  const peers = await setupPeers({ skip: !opts.peers });
  const okReal = real.filter((c) => !c.error);
  const lines = Object.fromEntries([...real, ...scale].filter((c) => !c.error).map((c) => [c.id, c.lines]));

  // the pack's shape decides which measurements mean something
  const probe = okReal.length ? await redpenChild('scan', { dir: path.join(CORPORA_DIR, '.git') }, 1) : { error: 'no corpus' };
  const pack = { rules: probe.rules ?? null, taintRules: probe.taintRules ?? null, detectors: probe.detectors ?? [], error: probe.error };
  if (probe.error) problems.push(`probing the rule pack: ${probe.error}`);

  const rec = new Recorder();
  const S = { opts, meta, real, scale, peers, pack, rec, lines, snippets: null, plugins: [], problems, done: [] };
  const stop = (why) => {
    if (S.stopping) return;
    S.stopping = true;
    log(`stopping: ${why}`);
    stopAll();
    writeReport(S, why).then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`could not write the partial report: ${e?.stack ?? e}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('interrupted (SIGINT)'));
  process.once('SIGTERM', () => stop('interrupted (SIGTERM)'));
  if (opts.deadline) setTimeout(() => stop(`stopped at the --deadline of ${opts.deadline} min`), opts.deadline * 60_000).unref();

  log('snippet latency');
  try {
    const set = await buildSnippets(okReal);
    const file = path.join(WORK_DIR, 'snippets.json');
    await fsp.writeFile(file, JSON.stringify({ snippets: set.snippets, iterations: opts.quick ? 30 : 150, warmup: 5 }));
    const r = await run(process.execPath, [path.join(CHILD, 'snippets.js'), file], { timeoutMs: 30 * 60_000 });
    if (r.code !== 0) throw new Error(`exited ${r.code}: ${tail(r.stderr)}`);
    S.snippets = { ...JSON.parse(r.stdout.trim().split('\n').pop()), sets: set.description };
  } catch (e) {
    S.snippets = { error: errMsg(e) };
    problems.push(`snippet latency: ${S.snippets.error}`);
  }
  S.done.push('snippets');

  // plug-ins before the long measurements, so a deadline never cuts them
  S.plugins = await runPlugins(pluginContext({ opts, meta, real, scale, peers, pack, measurements: () => rec.summary(lines) }));
  for (const p of S.plugins) if (p.error) problems.push(`plug-in ${p.name}: ${p.error}`);
  S.done.push('plug-ins');

  // peers in order of what their figures decide (the goals first), so a deadline cuts the least
  const byId = Object.fromEntries(okReal.map((c) => [c.id, c]));
  const peerPlan = [
    ['npm-packages', 'eslint', 1, (p, c) => runEslint(p, c, 1)],
    ['npm-packages', 'eslint', N, (p, c) => runEslint(p, c, N)],
    ['python-stdlib', 'bandit', 1, (p, c) => runBandit(p, c)],
    ...['python-stdlib', 'npm-packages'].flatMap((id) => [
      [id, 'gitleaks', N, (p, c) => runGitleaks(p, c)],
      [id, 'trufflehog', N, (p, c) => runTrufflehog(p, c, N)],
      [id, 'secretlint', 1, (p, c) => runSecretlint(p, c)],
    ]),
    ['python-stdlib', 'ruff', 1, (p, c) => runRuff(p, c, 1)],
    ['python-stdlib', 'ruff', N, (p, c) => runRuff(p, c, N)],
  ];
  const okScale = scale.filter((c) => !c.error);
  const scaleRuns = opts.quick ? 1 : Math.min(opts.runs, 3);
  // run by run: redpen on the corpora, the growth inputs, then the peers; a deadline cuts
  // repeats and the least important peers rather than whole figures
  for (let i = 0; i < opts.runs; i++) {
    for (const c of okReal) {
      log(`run ${i + 1}/${opts.runs}: redpen on ${c.id} (${c.lines} lines)`);
      for (const jobs of [1, N]) {
        rec.add(c.id, `redpen parse ${jobs}`, await redpenChild('parse', c, jobs));
        rec.add(c.id, `redpen scan ${jobs}`, await redpenChild('scan', c, jobs));
      }
      // cross-file taint can cost far more than the rest: bounded, and not retried once it timed out
      const taintKey = `redpen taint ${N}`;
      if (!rec.data[c.id]?.[taintKey]?.some((r) => r.timedOutMs)) rec.add(c.id, taintKey, await redpenChild('taint', c, N, { timeoutMs: opts.taintLimit * 60_000 }));
      rec.add(c.id, `redpen secrets ${N}`, await redpenChild('secrets', c, N));
    }
    S.done.push(`redpen run ${i + 1}`);
    if (i < scaleRuns) {
      for (const c of okScale) {
        log(`run ${i + 1}/${opts.runs}: growth ${c.id} (${c.lines} lines)`);
        rec.add(c.id, `redpen parse ${N}`, await redpenChild('parse', c, N));
        rec.add(c.id, `redpen scan ${N}`, await redpenChild('scan', c, N));
      }
      S.done.push(`growth run ${i + 1}`);
    }
    if (i >= opts.peerRuns) continue;
    for (const [id, name, jobs, f] of peerPlan) {
      const p = peers[name];
      if (!byId[id] || !p || p.error) continue;
      log(`run ${i + 1}/${opts.runs}: ${name} on ${id} (${jobs} worker${jobs > 1 ? 's' : ''})`);
      rec.add(id, `${name} ${jobs}`, await f(p, byId[id]).catch((e) => ({ error: errMsg(e) })));
    }
    S.done.push(`peers run ${i + 1}`);
  }
  if (!S.stopping) await writeReport(S, null);
}

/** Assemble, compare with the goals, render and write; `interrupted` marks a partial report. */
async function writeReport(S, interrupted) {
  const { opts, meta, real, scale, peers, pack, rec, lines, snippets, plugins, problems } = S;
  meta.loadAfter = await cpuPressure();
  if (interrupted) meta.interrupted = `${interrupted}; completed: ${S.done.join(', ') || 'nothing'}`;
  const results = { meta, pack, corpora: [...real, ...scale].map(publicCorpus), peers: publicPeers(peers), measurements: rec.summary(lines), snippets, plugins, problems };
  results.goals = evaluateGoals(results);
  // hand-written analysis of the figures (why a goal is missed), kept beside the harness
  results.notes = await fsp.readFile(path.join(BENCH_DIR, 'NOTES.md'), 'utf8').catch(() => null);
  const md = renderReport(results);
  await fsp.mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
  await fsp.writeFile(opts.out, md);
  const jsonOut = opts.out.replace(/\.md$/, '') + '.json';
  await fsp.writeFile(jsonOut, redactPaths(JSON.stringify(results, null, 1)) + '\n');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await fsp.writeFile(path.join(RESULTS_DIR, `${meta.mode}-${stamp}.json`), redactPaths(JSON.stringify(results)) + '\n');
  log(`wrote ${path.relative(process.cwd(), opts.out)} and ${path.relative(process.cwd(), jsonOut)}`);
  for (const g of results.goals) log(`goal: ${g.goal}: ${g.status}${g.detail ? ` (${g.detail})` : ''}`);
}

/**
 * What a plug-in receives. Paths are absolute (for running tools); plug-ins must not print
 * them into their markdown.
 */
function pluginContext({ opts, meta, real, scale, peers, pack, measurements }) {
  return Object.freeze({
    quick: opts.quick,
    runs: opts.runs,
    cores: cores(),
    meta,
    repoRoot: REPO_ROOT,
    benchDir: BENCH_DIR,
    workDir: WORK_DIR,
    redpen: { bin: path.join(REPO_ROOT, 'bin', 'redpen.js'), dist: path.join(REPO_ROOT, 'dist'), pack },
    corpora: Object.fromEntries([...real, ...scale].map((c) => [c.id, c])),
    peers,
    // the core figures measured so far (plug-ins run before the corpora: usually none yet)
    get measurements() {
      return measurements();
    },
    helpers: { run, summarize, median, percentile, log },
  });
}

function publicCorpus(c) {
  const { dir, list, ...rest } = c;
  return rest;
}

function publicPeers(peers) {
  const out = {};
  for (const [k, p] of Object.entries(peers)) {
    out[k] = p.error ? { name: k, error: p.error } : { name: k, version: p.version, reported: p.reported, debianVersion: p.debianVersion, packages: p.packages, source: p.source };
  }
  return out;
}

main().catch((e) => {
  process.stderr.write(`benchmark failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
