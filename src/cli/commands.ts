/**
 * What the core commands do (`scan`, `baseline create`, `test`, `ast`, `rules`). Loaded by
 * main.ts only when one of them runs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadRules, resolveLanguage } from '../api.js';
import { Scanner } from '../core/scanner.js';
import type { ScanError, ScanResult, Severity } from '../core/types.js';
import { applyBaseline, BaselineError, createBaseline, readBaseline } from '../core/baseline.js';
import { effectivePolicy, findConfig, loadProjectConfig, type FailOn, type Policy, type ProjectConfig } from '../config/project.js';
import { RuleLoadError } from '../engine/rules/load.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { languageById, detectLanguage } from '../languages/index.js';
import { loadLanguage, parseText } from '../languages/treesitter.js';
import { reporterFor, REPORTERS } from '../report/index.js';
import { assemble, runScan } from '../runner/index.js';
import { isSecretKey, newSecretKey } from '../secrets/key.js';
import { createDetectors } from '../runner/detectors.js';
import { formatTestReport, testRules } from '../testing/ruletest.js';
import { astToJson, nodeAt, renderAst } from '../view/ast.js';
import { VERSION } from '../version.js';
import { Progress } from './progress.js';
import { scanChanges } from '../changes/git.js';
import { displayPath } from '../files/walk.js';
import { assertPathsExist, exitCodeFor, parseCount, parseFailOn, parseSeverityOpt, readStdin, UsageError, useColor } from './options.js';
import '../capabilities.js';

export interface ScanCliOptions {
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
  /** Folders of user framework models (--models). */
  models?: string[];
  /** false with --no-baseline */
  useBaseline?: boolean;
  /** Key of secret fingerprints (`baseline create` passes the baseline's); default: the baseline's, else secrets/key.ts. */
  secretKey?: string;
  staged?: boolean;
  diff?: string;
}

/**
 * The project configuration `scan` and `rules` share: the nearest `.redpen.yml` from `start`
 * within the search bound (config/project.ts), and the policy of the selected environment.
 */
async function projectSetup(start: string, cwd: string, use: boolean, envOpt: string | undefined): Promise<{ project: ProjectConfig; policy: Policy; file?: string }> {
  let project: ProjectConfig = {};
  let file: string | null = null;
  if (use) {
    file = await findConfig(start, cwd);
    if (file) project = await loadProjectConfig(file);
  }
  // --env must name a defined environment; REDPEN_ENV applies only where one is defined
  const envVar = process.env.REDPEN_ENV;
  const env = envOpt ?? (envVar && project.environments?.[envVar] ? envVar : undefined);
  return { project, policy: effectivePolicy(project, env), ...(file ? { file } : {}) };
}

/** Resolve configuration and run a scan as `redpen scan` does. */
export async function cliScan(paths: string[], opts: ScanCliOptions): Promise<{ result: ScanResult; failOn: FailOn }> {
  const cwd = process.cwd();
  if (paths.length === 0) paths = ['.'];
  const stdin = paths.includes('-');
  if (stdin && paths.length > 1) throw new UsageError('`-` (stdin) cannot be combined with other paths');
  const jobs = parseCount(opts.jobs, '--jobs');
  assertPathsExist(paths, cwd);

  const { project, policy, file: configFile } = await projectSetup(stdin ? cwd : path.resolve(cwd, paths[0]), cwd, opts.projectConfig, opts.env);
  const severity = parseSeverityOpt(opts.severity, '--severity') ?? policy.severity ?? 'low';
  const failOn: FailOn = parseFailOn(opts.failOn ?? policy['fail-on']) ?? severity;
  const configs = opts.config?.length ? opts.config : (policy.rules ?? ['recommended']);
  const secrets = opts.secrets && policy.secrets !== false;
  const models = [...(project.models ?? []), ...(opts.models ?? []).map((m) => path.resolve(cwd, m))];
  const { rules, warnings } = await loadRules(configs, cwd, models);
  const maxFileBytes = parseCount(opts.maxFileSize, '--max-file-size', 'bytes') ?? project['max-file-size'];

  const baselineFile = opts.baseline ?? project.baseline;
  let baseline: Set<string> | undefined;
  let secretKey = opts.secretKey;
  if (baselineFile && opts.useBaseline !== false) {
    const loaded = readBaseline(await fs.readFile(baselineFile, 'utf8'), baselineFile);
    baseline = loaded.fingerprints;
    secretKey ??= loaded.secretKey;
    warnings.push(...loaded.warnings);
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
      secretKey,
    });
  } else if (stdin) {
    const text = await readStdin();
    const started = performance.now();
    const scanner = await Scanner.create({ rules, detectors: createDetectors({ secrets }), maxFileBytes, secretKey });
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
        jobs,
        severity,
        onProgress: (d, t) => progress.update(d, t),
        errors: warnings,
        baseline,
        secretKey,
      });
    } finally {
      progress.stop();
    }
  }
  if (configFile) result.config = displayPath(configFile, cwd);
  return { result, failOn };
}

export async function scanCommand(paths: string[], opts: ScanCliOptions): Promise<number> {
  const cwd = process.cwd();
  const format = opts.format;
  const reporter = reporterFor(format);
  if (!reporter) throw new UsageError(`unknown format ${format} (use ${Object.keys(REPORTERS).join(', ')})`);
  const { result, failOn } = await cliScan(paths, opts);
  const rendered = reporter.render(result, { color: !opts.output && useColor(opts.color, process.stdout) && format === 'text', explain: opts.explain, cwd, version: VERSION, failOn });
  if (opts.output) {
    await fs.writeFile(opts.output, rendered);
    if (!opts.quiet) process.stderr.write(`wrote ${format} report to ${opts.output}\n`);
  } else process.stdout.write(rendered);
  return exitCodeFor(result, failOn);
}

export async function astCommand(file: string, opts: { at?: string; format: string; lang?: string; color?: boolean }): Promise<number> {
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


export async function baselineCreateCommand(paths: string[], opts: { output: string; config?: string[]; secrets: boolean; projectConfig: boolean; quiet?: boolean }): Promise<number> {
  // a recreated baseline keeps its key, so secret fingerprints in reports do not change
  const previous = await fs.readFile(opts.output, 'utf8').then((t) => (JSON.parse(t) as { salt?: unknown }).salt, () => undefined);
  const secretKey = isSecretKey(previous) ? previous : newSecretKey();
  const { result } = await cliScan(paths, { ...opts, format: 'json', cache: true, severity: 'info', useBaseline: false, secretKey } as ScanCliOptions);
  const data = createBaseline([...result.findings, ...result.suppressed.filter((f) => f.suppressed?.kind !== 'inline')], new Date(), secretKey);
  await fs.writeFile(opts.output, `${JSON.stringify(data, null, 2)}\n`);
  if (!opts.quiet) process.stderr.write(`recorded ${data.entries.length} finding(s) in ${opts.output}\n`);
  return 0;
}

export async function testCommand(target: string): Promise<number> {
  const report = await testRules(target);
  process.stdout.write(formatTestReport(report));
  return report.failures.length > 0 ? 1 : 0;
}

/** `redpen rules`: the rules `redpen scan` would load here (same .redpen.yml, environment and models). */
export async function rulesCommand(opts: { config?: string[]; projectConfig?: boolean; env?: string }): Promise<number> {
  const cwd = process.cwd();
  const { project, policy, file } = await projectSetup(cwd, cwd, opts.projectConfig !== false, opts.env);
  if (file) process.stderr.write(`configuration: ${displayPath(file, cwd)}\n`);
  const configs = opts.config?.length ? opts.config : (policy.rules ?? ['recommended']);
  const { rules, warnings } = await loadRules(configs, cwd, project.models ?? []);
  for (const r of rules) process.stdout.write(`${r.id}\t${r.severity}\t${r.languageNames.join(',')}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
  return 0;
}
