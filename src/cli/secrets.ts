/**
 * `redpen secrets`: secrets only (no rules), in the working tree or, with --history, in every
 * commit of the repository. Same formats, baselines, severities and exit codes as `scan`.
 * The runner and the detectors load only when the command runs (see main.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ScanResult } from '../core/types.js';
import { reporterFor, REPORTERS } from '../report/index.js';
import { VERSION } from '../version.js';
import { repositoryRoot } from '../files/repo.js';
import { assertPathsExist, exitCodeFor, parseCount, parseFailOn, parseSeverityOpt, UsageError } from './options.js';

interface SecretsOptions {
  format: string;
  output?: string;
  history?: boolean;
  all?: boolean;
  maxCommits?: string;
  severity?: string;
  failOn?: string;
  baseline?: string;
  include?: string[];
  exclude?: string[];
  jobs?: string;
  cache: boolean;
  quiet?: boolean;
}

async function secretsCommand(paths: string[], opts: SecretsOptions): Promise<number> {
  const reporter = reporterFor(opts.format);
  if (!reporter) throw new UsageError(`unknown format ${opts.format} (use ${Object.keys(REPORTERS).join(', ')})`);
  const severity = parseSeverityOpt(opts.severity, '--severity') ?? 'low';
  const failOn = parseFailOn(opts.failOn) ?? severity;
  const jobs = parseCount(opts.jobs, '--jobs');
  const maxCommits = parseCount(opts.maxCommits, '--max-commits');
  const cwd = process.cwd();
  assertPathsExist(paths, cwd);
  const { applyBaseline, readBaseline } = await import('../core/baseline.js');
  const { assemble, runScan } = await import('../runner/index.js');
  const loaded = opts.baseline ? readBaseline(await fs.readFile(opts.baseline, 'utf8'), opts.baseline) : undefined;
  const baseline = loaded?.fingerprints;
  const secretKey = loaded?.secretKey;
  let result: ScanResult;
  if (opts.history) {
    const { scanHistory } = await import('../secrets/history.js');
    const started = performance.now();
    const repo = path.resolve(cwd, paths[0] ?? '.');
    const st = await fs.stat(repo).catch(() => null);
    if (!st) throw new UsageError(`${paths[0]}: no such file or folder`);
    const dir = st.isDirectory() ? repo : path.dirname(repo);
    // no repository, no history: a green run here would mean nothing was read
    if (!repositoryRoot(dir)) throw new UsageError(`${paths[0] ?? '.'}: not inside a git repository (--history reads the repository's commits)`);
    const h = await scanHistory({
      cwd: dir,
      all: opts.all,
      maxCommits,
      paths: st.isDirectory() ? [] : [path.basename(repo)],
      secretKey,
    });
    // git could not read the history at all (no commits yet, a broken repository)
    const fatal = h.commits === 0 ? h.errors.find((e) => e.level === 'error' && e.kind === 'io') : undefined;
    if (fatal) throw new UsageError(`${paths[0] ?? '.'}: history not read: ${fatal.message}`);
    if (baseline) for (const r of h.results) applyBaseline(r.findings, baseline);
    result = assemble(h.results, [...(loaded?.warnings ?? []), ...h.errors], [], severity, [`git history (${h.commits} commits)`], started);
    result.stats.files = h.scanned;
  } else {
    result = await runScan({
      paths: paths.length ? paths : ['.'],
      rules: [],
      // secrets only: no rules, no dependency analysis
      detectors: { secrets: true, dependencies: false },
      cwd,
      include: opts.include,
      exclude: opts.exclude,
      cache: opts.cache,
      jobs,
      severity,
      baseline,
      secretKey,
      errors: loaded?.warnings,
    });
  }
  const rendered = reporter.render(result, { color: false, cwd, version: VERSION, failOn });
  if (opts.output) {
    await fs.writeFile(opts.output, rendered);
    if (!opts.quiet) process.stderr.write(`wrote ${opts.format} report to ${opts.output}\n`);
  } else process.stdout.write(rendered);
  return exitCodeFor(result, failOn);
}

export function registerSecretsCommand(program: Command, setExit: (code: number) => void): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command('secrets')
    .description('look for hard-coded secrets only (no rules); --history scans every commit of the git repository')
    .argument('[paths...]', 'files and folders (with --history: the repository, or one file in it)', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--history', 'scan the lines each commit added (git log -p); each secret is reported once, with the commit that introduced it')
    .option('--all', 'with --history: every branch and tag, not only HEAD')
    .option('--max-commits <n>', 'with --history: at most this many commits')
    .option('--severity <level>', 'lowest severity to report: critical, high, medium, low, info')
    .option('--fail-on <level>', 'lowest severity that makes the exit status 1 (or none); default: --severity')
    .option('--baseline <file>', 'report only secrets not recorded in this baseline')
    .option('--include <glob>', 'only scan matching files (repeatable)', collect)
    .option('--exclude <glob>', 'skip matching files (repeatable)', collect)
    .option('-j, --jobs <n>', 'worker threads')
    .option('--no-cache', 'do not reuse results for unchanged files')
    .option('-q, --quiet', 'no notes on stderr')
    .action(async (paths: string[], opts: SecretsOptions) => setExit(await secretsCommand(paths, opts)));
}
