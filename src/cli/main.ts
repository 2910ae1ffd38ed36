/**
 * The `redpen` command: a thin surface over the library API.
 *
 * Exit codes (documented in the README): 0 nothing at or above the failure threshold,
 * 1 findings at or above it, 2 usage error or fatal error (bad rules, bad config).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { loadRules, resolveLanguage } from '../api.js';
import { Scanner } from '../core/scanner.js';
import { atLeast, isSeverity } from '../core/severity.js';
import type { ScanError, ScanResult, Severity } from '../core/types.js';
import { applyBaseline, BaselineError, createBaseline, parseBaseline } from '../core/baseline.js';
import { ConfigError, effectivePolicy, findConfig, loadProjectConfig, type FailOn, type ProjectConfig } from '../config/project.js';
import { RuleLoadError } from '../engine/rules/load.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { languageById, detectLanguage } from '../languages/index.js';
import { loadLanguage, parseText } from '../languages/treesitter.js';
import { reporterFor, REPORTERS } from '../report/index.js';
import { assemble, runScan } from '../runner/index.js';
import { createDetectors } from '../runner/detectors.js';
import { formatTestReport, testRules } from '../testing/ruletest.js';
import { astToJson, nodeAt, renderAst } from '../view/ast.js';
import { VERSION } from '../version.js';
import { Progress } from './progress.js';
import { registerSecretsCommand } from './secrets.js';
import { registerDepsCommands } from './deps.js';
import { registerSurfaceCommands, SurfaceUsageError } from './surfaces.js';
import { GitError, scanChanges } from '../changes/git.js';
import '../capabilities.js';

export class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function useColor(opt: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (opt !== undefined) return opt;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function parseSeverityOpt(v: string | undefined, what: string): Severity | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  const map: Record<string, Severity> = { error: 'high', warning: 'medium', info: 'low' };
  const sev = isSeverity(s) ? s : map[s];
  if (!sev) throw new UsageError(`${what} must be one of critical, high, medium, low, info (got ${v})`);
  return sev;
}

interface ScanCliOptions {
  config?: string[];
  format: string;
  output?: string;
  severity?: string;
  failOn?: string;
  lang?: string;
  env?: string;
  cache: boolean;
  cacheDir?: string;
  jobs?: string;
  include?: string[];
  exclude?: string[];
  maxFileSize?: string;
  explain?: boolean;
  color?: boolean;
  quiet?: boolean;
  secrets: boolean;
  /** false with --no-deps */
  deps?: boolean;
  depsOnline?: boolean;
  projectConfig: boolean;
  baseline?: string;
  /** false with --no-baseline */
  useBaseline?: boolean;
  staged?: boolean;
  diff?: string;
}

/** Exit status for a result under a failure threshold. */
export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  return result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

/** Resolve configuration and run a scan as `redpen scan` does. */
async function cliScan(paths: string[], opts: ScanCliOptions): Promise<{ result: ScanResult; failOn: FailOn }> {
  const cwd = process.cwd();
  if (paths.length === 0) paths = ['.'];
  const stdin = paths.includes('-');
  if (stdin && paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with other paths');

  let project: ProjectConfig = {};
  if (opts.projectConfig) {
    const file = await findConfig(stdin ? cwd : path.resolve(cwd, paths[0]));
    if (file) project = await loadProjectConfig(file);
  }
  // --env must name a defined environment; REDPEN_ENV applies only where one is defined
  const envVar = process.env.REDPEN_ENV;
  const env = opts.env ?? (envVar && project.environments?.[envVar] ? envVar : undefined);
  const policy = effectivePolicy(project, env);
  const severity = parseSeverityOpt(opts.severity, '--severity') ?? policy.severity ?? 'low';
  const failOnRaw = opts.failOn ?? policy['fail-on'];
  const failOn: FailOn = failOnRaw === 'none' ? 'none' : (parseSeverityOpt(failOnRaw, '--fail-on') ?? severity);
  const configs = opts.config?.length ? opts.config : (policy.rules ?? ['recommended']);
  const secrets = opts.secrets && policy.secrets !== false;
  const { rules, warnings } = await loadRules(configs, cwd);
  const maxFileBytes = opts.maxFileSize ? Number(opts.maxFileSize) : project['max-file-size'];
  if (maxFileBytes !== undefined && !(maxFileBytes > 0)) throw new UsageError('--max-file-size must be a positive number of bytes');

  const baselineFile = opts.baseline ?? project.baseline;
  let baseline: Set<string> | undefined;
  if (baselineFile && opts.useBaseline !== false) {
    baseline = parseBaseline(await fs.readFile(baselineFile, 'utf8'), baselineFile);
  }

  const dependencies = opts.deps !== false && policy.dependencies !== false ? (opts.depsOnline ? { online: true } : true) : false;
  let result: ScanResult;
  if (opts.staged || opts.diff) {
    if (stdin) throw new UsageError('--staged and --diff scan the repository, not stdin');
    if (opts.staged && opts.diff) throw new UsageError('use either --staged or --diff, not both');
    result = await scanChanges({
      mode: opts.staged ? 'staged' : 'diff',
      base: opts.diff,
      cwd,
      paths,
      rules,
      detectors: { secrets },
      severity,
      maxFileBytes,
      include: [...(project.paths?.include ?? []), ...(opts.include ?? [])],
      exclude: [...(project.paths?.exclude ?? []), ...(opts.exclude ?? [])],
      errors: warnings,
      baseline,
    });
  } else if (stdin) {
    const text = await readStdin();
    const started = performance.now();
    const scanner = await Scanner.create({ rules, detectors: createDetectors({ secrets }), maxFileBytes });
    const language = opts.lang ? resolveLanguage(opts.lang) : undefined;
    const r = scanner.scanText('-', text, language);
    if (baseline) applyBaseline(r.findings, baseline);
    if (!language && r.language === 'text' && r.findings.length === 0) {
      r.errors.push({ path: '-', kind: 'unsupported', level: 'warning', message: 'could not tell the language of stdin; pass --lang python|javascript|typescript' });
    }
    result = assemble([r], warnings, rules.map(ruleInfo), severity, ['-'], started);
  } else {
    const progress = new Progress(process.stderr, !opts.quiet);
    try {
      result = await runScan({
        paths,
        rules,
        detectors: { secrets, dependencies },
        cwd,
        include: [...(project.paths?.include ?? []), ...(opts.include ?? [])],
        exclude: [...(project.paths?.exclude ?? []), ...(opts.exclude ?? [])],
        maxFileBytes,
        cache: !opts.cache || project.cache === false ? false : (opts.cacheDir ?? true),
        jobs: opts.jobs ? Number(opts.jobs) : undefined,
        severity,
        onProgress: (d, t) => progress.update(d, t),
        errors: warnings,
        baseline,
      });
    } finally {
      progress.stop();
    }
  }
  return { result, failOn };
}

async function scanCommand(paths: string[], opts: ScanCliOptions): Promise<number> {
  const cwd = process.cwd();
  const format = opts.format;
  const reporter = reporterFor(format);
  if (!reporter) throw new UsageError(`unknown format ${format} (use ${Object.keys(REPORTERS).join(', ')})`);
  const { result, failOn } = await cliScan(paths, opts);
  const rendered = reporter.render(result, { color: !opts.output && useColor(opts.color, process.stdout) && format === 'text', explain: opts.explain, cwd, version: VERSION });
  if (opts.output) {
    await fs.writeFile(opts.output, rendered);
    if (!opts.quiet) process.stderr.write(`wrote ${format} report to ${opts.output}\n`);
  } else process.stdout.write(rendered);
  return exitCodeFor(result, failOn);
}

async function astCommand(file: string, opts: { at?: string; format: string; lang?: string; color?: boolean }): Promise<number> {
  const text = file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  const lang = opts.lang ? resolveLanguage(opts.lang) : detectLanguage(file === '-' ? undefined : file, text);
  if (!lang) throw new UsageError(`cannot tell the language of ${file}; pass --lang`);
  await loadLanguage(languageById(lang));
  const tree = parseText(lang, text);
  let cursor;
  if (opts.at) {
    const m = /^(\d+)(?::(\d+))?$/.exec(opts.at);
    if (!m) throw new UsageError('--at takes LINE or LINE:COL (1-based)');
    const line = Number(m[1]);
    const col = m[2] ? Number(m[2]) : 1;
    if (line < 1 || line > tree.lines.lineCount) throw new UsageError(`line ${line} is outside the file (1-${tree.lines.lineCount})`);
    let offset = tree.lines.offsetOf(line, col);
    if (!m[2]) offset += tree.lines.lineText(line).length - tree.lines.lineText(line).trimStart().length;
    cursor = nodeAt(tree, offset);
  }
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify({ language: lang, errors: tree.errors.length, tree: astToJson(tree, cursor) }, null, 2)}\n`);
  } else if (opts.format === 'text') {
    process.stdout.write(renderAst(tree, { cursor, color: useColor(opts.color, process.stdout) }));
    if (tree.errors.length > 0) process.stderr.write(`note: ${tree.errors.length} syntax error(s); ERROR nodes mark them\n`);
  } else throw new UsageError(`unknown format ${opts.format} (use text or json)`);
  return 0;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('redpen')
    .description('A security editor for AI-generated code: rules, taint, secrets and dependency checks.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const collect = (v: string, prev: string[] = []) => [...prev, v];

  program
    .command('scan')
    .description('scan files, folders, or stdin (-) and report findings')
    .argument('[paths...]', 'files and folders to scan, or - for stdin', [])
    .option('-c, --config <pack|file|dir>', 'rules: a bundled pack (recommended, audit, all), a rule file or a folder (repeatable)', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--severity <level>', 'lowest severity to report: critical, high, medium, low, info')
    .option('--fail-on <level>', 'lowest severity that makes the exit status 1 (or none); default: --severity')
    .option('--lang <language>', 'language of stdin (python, javascript, typescript, tsx)')
    .option('--env <name>', 'environment policy from .redpen.yml (also REDPEN_ENV)')
    .option('--no-cache', 'do not reuse results for unchanged files')
    .option('--cache-dir <dir>', 'cache folder (default: $XDG_CACHE_HOME/redpen)')
    .option('-j, --jobs <n>', 'worker threads (default: all cores for large scans)')
    .option('--include <glob>', 'only scan matching files (repeatable)', collect)
    .option('--exclude <glob>', 'skip matching files (repeatable)', collect)
    .option('--max-file-size <bytes>', 'skip files larger than this (reported as errors)')
    .option('--explain', 'print data-flow traces with code frames')
    .option('--no-secrets', 'do not look for hard-coded secrets')
    .option('--no-deps', 'do not check dependencies (manifests, lockfiles, imports)')
    .option('--deps-online', 'let the dependency checks use the network (OSV API, npm and PyPI registries); default: local database only')
    .option('--no-project-config', 'ignore .redpen.yml')
    .option('--baseline <file>', 'report only findings not recorded in this baseline (see `redpen baseline create`)')
    .option('--no-baseline', 'ignore the baseline named in .redpen.yml')
    .option('--staged', 'scan only staged changes; report only findings they add (pre-commit)')
    .option('--diff <base>', 'scan only what changed since <base> (commit, branch, tag); report only findings it adds')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('-q, --quiet', 'no progress bar or notes on stderr')
    .action(async (paths: string[], opts: ScanCliOptions) => setExit(await scanCommand(paths, opts)));

  const baseline = program.command('baseline').description('record known findings so later scans report only new ones');
  baseline
    .command('create')
    .description('scan and write the fingerprints of every current finding (no code, no secret values)')
    .argument('[paths...]', 'files and folders to scan', [])
    .option('-o, --output <file>', 'baseline file', '.redpen-baseline.json')
    .option('-c, --config <pack|file|dir>', 'rules (repeatable)', collect)
    .option('--no-secrets', 'do not look for hard-coded secrets')
    .option('--no-project-config', 'ignore .redpen.yml')
    .option('-q, --quiet', 'no notes on stderr')
    .action(async (paths: string[], opts: { output: string; config?: string[]; secrets: boolean; projectConfig: boolean; quiet?: boolean }) => {
      const { result } = await cliScan(paths, {
        ...opts, format: 'json', cache: true, severity: 'info', useBaseline: false,
      } as ScanCliOptions);
      const data = createBaseline([...result.findings, ...result.suppressed.filter((f) => f.suppressed?.kind !== 'inline')]);
      await fs.writeFile(opts.output, `${JSON.stringify(data, null, 2)}\n`);
      if (!opts.quiet) process.stderr.write(`recorded ${data.entries.length} finding(s) in ${opts.output}\n`);
      setExit(0);
    });

  program
    .command('test')
    .description('run each rule against the annotated fixture beside it (like semgrep --test)')
    .argument('[rules]', 'a rules folder or rule file', 'rules')
    .action(async (target: string) => {
      const report = await testRules(target);
      process.stdout.write(formatTestReport(report));
      setExit(report.failures.length > 0 ? 1 : 0);
    });

  program
    .command('ast')
    .description('print the syntax tree rules match against')
    .argument('<file>', 'file to parse, or - for stdin')
    .option('--at <line:col>', 'mark the node at this position and its ancestors')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--lang <language>', 'language (default: from the file name or content)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (file: string, opts: { at?: string; format: string; lang?: string; color?: boolean }) => setExit(await astCommand(file, opts)));

  program
    .command('rules')
    .description('list the rules a configuration loads')
    .option('-c, --config <pack|file|dir>', 'rules to list (repeatable)', collect)
    .action(async (opts: { config?: string[] }) => {
      const { rules, warnings } = await loadRules(opts.config?.length ? opts.config : ['recommended']);
      for (const r of rules) process.stdout.write(`${r.id}\t${r.severity}\t${r.languageNames.join(',')}\n`);
      for (const w of warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
      setExit(0);
    });
  registerSecretsCommand(program, setExit);
  registerDepsCommands(program, setExit);
  registerSurfaceCommands(program, setExit);
  return program;
}

function reportFatal(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof BaselineError || e instanceof SurfaceUsageError || e instanceof GitError) {
    process.stderr.write(`redpen: ${e.message}\n`);
    return 2;
  }
  if (e instanceof RuleLoadError) {
    process.stderr.write(`redpen: invalid rule: ${e.message}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') {
    process.stderr.write(`redpen: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`redpen: fatal: ${err?.stack ?? String(e)}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return reportFatal(e);
  }
}

export type { ScanError };
