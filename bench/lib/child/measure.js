/**
 * One redpen measurement in a fresh process, so peak RSS belongs to this measurement alone.
 * argv[2] is JSON: { mode, dir, jobs, rules? }.
 *
 * Modes:
 * - parse: the same walk and file reads as a scan, then parseOnly (parse and free, no lowering);
 * - scan: the real scan path (runScan) with the recommended pack and secret detection;
 * - taint: the full scan with taint rules: the pack and secret detection, plus, while the pack
 *   has no `mode: taint` rules, the taint rules of the test fixtures (frameworks.yaml: remote
 *   and model-output sources to command and code sinks), so the cost of taint is measured;
 * - secrets: what `redpen secrets` runs: runScan with no rules, secret detection only (no
 *   dependency analysis).
 *
 * Prints one JSON line: timings measured around the work (rule loading and grammar loading
 * excluded and reported apart), counts, and process.resourceUsage().maxRSS (KiB, the whole
 * process including worker threads).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', '..', '..', 'dist');
const imp = (p) => import(path.join(dist, p));

const args = JSON.parse(process.argv[2]);
const TAINT_STAND_IN = ['test/taint/python/frameworks.yaml', 'test/taint/javascript/frameworks.yaml'];

/** CPU time of the whole process (every thread) since `c0`, in ms. */
function cpuSince(c0) {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
}
const out = { mode: args.mode, jobs: args.jobs };

async function parseMode() {
  const { collectTargets, readTarget } = await imp('files/walk.js');
  const { languageForPath, LANGUAGES } = await imp('languages/index.js');
  const ts = await imp('languages/treesitter.js');
  const { DEFAULT_MAX_FILE_BYTES } = await imp('core/scanner.js');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { targets } = await collectTargets([args.dir], { cwd: args.dir });
  let files = 0;
  let failed = 0;
  let skipped = 0;
  let bytes = 0;
  if (args.jobs <= 1) {
    const tl = performance.now();
    for (const l of LANGUAGES) await ts.loadLanguage(l);
    out.setupMs = performance.now() - tl;
    for (const t of targets) {
      const r = await readTarget(t, DEFAULT_MAX_FILE_BYTES);
      const lang = languageForPath(t.path);
      if (r.text === undefined || !lang) {
        skipped++;
        continue;
      }
      files++;
      bytes += t.size;
      if (!ts.parseOnly(lang, r.text)) failed++;
    }
  } else {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({
      filename: path.join(here, 'parse-worker.js'),
      minThreads: args.jobs,
      maxThreads: args.jobs,
      idleTimeout: 1000,
    });
    try {
      const results = await Promise.all(targets.map((t) => pool.run(t)));
      for (const r of results) {
        if (r === 'skipped') skipped++;
        else {
          files++;
          if (r === 'failed') failed++;
        }
      }
      bytes = targets.reduce((a, t) => a + t.size, 0);
    } finally {
      await pool.destroy();
    }
  }
  out.ms = performance.now() - t0;
  out.segCpuMs = cpuSince(c0);
  Object.assign(out, { files, failed, skipped, bytes });
}

async function scanMode() {
  const { loadRules } = await imp('api.js');
  const { runScan } = await imp('runner/index.js');
  const { createDetectors } = await imp('runner/detectors.js');
  await imp('capabilities.js');
  const tl = performance.now();
  // secrets only is what `redpen secrets` runs: no rule pack to load
  let { rules, warnings } = args.mode === 'secrets' ? { rules: [], warnings: [] } : await loadRules(['recommended']);
  out.ruleLoadMs = performance.now() - tl;
  out.ruleWarnings = warnings.length;
  const secrets = args.mode !== 'rules';
  if (args.mode === 'taint' && !rules.some((r) => r.mode === 'taint')) {
    const standIn = await loadRules(TAINT_STAND_IN.map((f) => path.join(dist, '..', f)));
    rules = [...rules, ...standIn.rules];
    out.taintStandIn = TAINT_STAND_IN;
  }
  if (args.mode === 'secrets') rules = [];
  out.rules = rules.length;
  out.taintRules = rules.filter((r) => r.mode === 'taint').length;
  out.detectors = secrets ? createDetectors({ secrets: true }).map((d) => d.id) : [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = await runScan({ paths: [args.dir], cwd: args.dir, rules, detectors: args.mode === 'secrets' ? { secrets: true, dependencies: false } : { secrets }, cache: false, jobs: args.jobs });
  out.ms = performance.now() - t0;
  out.segCpuMs = cpuSince(c0);
  out.files = res.stats.files;
  out.lines = res.stats.lines;
  out.bytes = res.stats.bytes;
  out.skipped = res.stats.filesSkipped;
  const byRule = {};
  for (const f of [...res.findings, ...res.suppressed]) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  out.findings = res.findings.length;
  out.suppressed = res.suppressed.length;
  out.byRule = byRule;
  const errors = {};
  for (const e of res.errors) errors[e.kind] = (errors[e.kind] ?? 0) + 1;
  out.errors = errors;
  out.errorSamples = res.errors.slice(0, 5).map((e) => `${e.kind}: ${e.message}`.slice(0, 200));
  if (args.findingsFile) {
    const slim = res.findings.map((f) => ({ ruleId: f.ruleId, path: f.location.path, line: f.location.start.line, endLine: f.location.end.line, cwe: f.cwe }));
    await fs.writeFile(args.findingsFile, JSON.stringify(slim));
  }
}

try {
  if (args.mode === 'parse') await parseMode();
  else await scanMode();
} catch (e) {
  out.error = String(e?.stack ?? e).slice(0, 1000);
}
const ru = process.resourceUsage();
out.maxRssKB = ru.maxRSS;
out.cpuMs = (ru.userCPUTime + ru.systemCPUTime) / 1000;
out.cores = os.availableParallelism?.() ?? os.cpus().length;
process.stdout.write(JSON.stringify(out) + '\n');
