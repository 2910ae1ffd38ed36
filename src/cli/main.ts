/**
 * The `redpen` command: a thin surface over the library API.
 *
 * Exit codes (documented in the README): 0 nothing at or above the failure threshold,
 * 1 findings at or above it, 2 usage error or fatal error (bad rules, bad config).
 *
 * Only commander and the option definitions load up front; each command loads its own code
 * when it runs, so `redpen hook` (called on every agent edit) does not pay for the worker pool,
 * the MCP SDK or the advisory database.
 */
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../core/errors.js';
import { REPORTERS } from '../report/index.js';
import { VERSION } from '../version.js';
import type { ScanCliOptions } from './commands.js';
import { registerDepsCommands } from './deps.js';
import { registerSecretsCommand } from './secrets.js';
import { registerSurfaceCommands } from './surfaces.js';

const commands = () => import('./commands.js');

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
    .option('--models <dir>', 'add a folder of framework models (sources, sinks, sanitizers as concepts; repeatable)', collect)
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
    .action(async (paths: string[], opts: ScanCliOptions) => setExit(await (await commands()).scanCommand(paths, opts)));

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
    .action(async (paths: string[], opts: { output: string; config?: string[]; secrets: boolean; projectConfig: boolean; quiet?: boolean }) =>
      setExit(await (await commands()).baselineCreateCommand(paths, opts)),
    );

  program
    .command('test')
    .description('run each rule against the annotated fixture beside it (like semgrep --test)')
    .argument('[rules]', 'a rules folder or rule file', 'rules')
    .action(async (target: string) => setExit(await (await commands()).testCommand(target)));

  program
    .command('ast')
    .description('print the syntax tree rules match against')
    .argument('<file>', 'file to parse, or - for stdin')
    .option('--at <line:col>', 'mark the node at this position and its ancestors')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--lang <language>', 'language (default: from the file name or content)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (file: string, opts: { at?: string; format: string; lang?: string; color?: boolean }) => setExit(await (await commands()).astCommand(file, opts)));

  program
    .command('rules')
    .description('list the rules a configuration loads')
    .option('-c, --config <pack|file|dir>', 'rules to list (repeatable); default: as `scan` (.redpen.yml, else recommended)', collect)
    .option('--env <name>', 'environment policy from .redpen.yml (also REDPEN_ENV)')
    .option('--no-project-config', 'ignore .redpen.yml')
    .action(async (opts: { config?: string[]; projectConfig: boolean; env?: string }) => setExit(await (await commands()).rulesCommand(opts)));
  registerSecretsCommand(program, setExit);
  registerDepsCommands(program, setExit);
  registerSurfaceCommands(program, setExit);
  return program;
}


/** Errors that are the user's to fix: one line, exit status 2. */
const USER_ERRORS = new Set(['UsageError', 'ConfigError', 'BaselineError', 'SurfaceUsageError', 'GitError', 'ModelError', 'InitError']);

function reportFatal(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  const name = (e as Error)?.constructor?.name ?? '';
  if (USER_ERRORS.has(name) || e instanceof UserError) {
    process.stderr.write(`redpen: ${(e as Error).message}\n`);
    return 2;
  }
  if (name === 'RuleLoadError') {
    process.stderr.write(`redpen: invalid rule: ${(e as Error).message}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  // a file the user named that cannot be read or written (missing, a folder, no permission, disk full)
  if (err && typeof err.code === 'string' && (err.code === 'ENOENT' || typeof err.syscall === 'string')) {
    process.stderr.write(`redpen: ${err.message}\n`);
    return 2;
  }
  // anything else is a bug in redpen: enough to report it
  process.stderr.write(`redpen: internal error (a bug in redpen; please report it with this trace): ${err?.stack ?? String(e)}\n`);
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
