/**
 * `redpen deps` (check a project's dependencies) and `redpen db update|import|status` (the
 * offline advisory database). Reports use the same reporters and exit codes as `redpen scan`.
 */
import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { FileResult, Finding, ScanResult } from '../core/types.js';
import { reporterFor, REPORTERS } from '../report/index.js';
import type { Ecosystem } from '../deps/index.js';
import { defaultDbPath } from '../deps/paths.js';

// the advisory database (SQLite in WebAssembly), the registries' clients and the runner load
// only when a deps or db command runs
const deps = () => import('../deps/index.js');
import { VERSION } from '../version.js';
import { assertPathsExist, exitCodeFor, parseCount, parseFailOn, parseSeverityOpt, UsageError, useColor } from './options.js';

interface DepsCliOptions {
  format: string;
  output?: string;
  severity?: string;
  failOn?: string;
  offline?: boolean;
  imports: boolean;
  db?: string;
  cache: boolean;
  timeout?: string;
  list?: boolean;
  color?: boolean;
  quiet?: boolean;
}

async function depsCommand(paths: string[], opts: DepsCliOptions): Promise<number> {
  const started = performance.now();
  const cwd = process.cwd();
  const reporter = reporterFor(opts.format);
  if (!reporter) throw new UsageError(`unknown format ${opts.format} (use ${Object.keys(REPORTERS).join(', ')})`);
  const severity = parseSeverityOpt(opts.severity, '--severity') ?? 'low';
  const failOn = parseFailOn(opts.failOn) ?? severity;
  const timeoutMs = parseCount(opts.timeout, '--timeout', 'milliseconds');
  const inputs = paths.length ? paths : ['.'];
  assertPathsExist(inputs, cwd);
  const { collectTargets } = await import('../files/walk.js');
  const { assemble, sortUnchecked } = await import('../runner/index.js');
  const { analyzeDependencies } = await deps();
  const { targets, errors: walkErrors, skipped } = await collectTargets(inputs, { cwd });
  const r = await analyzeDependencies(targets, cwd, {
    // --list only reads the manifests: no check runs, so none needs the network
    offline: opts.offline || opts.list,
    ...(opts.list ? { checks: { vulnerabilities: false, registry: false, typosquat: false } } : {}),
    imports: opts.imports,
    dbPath: opts.db,
    cacheDir: opts.cache ? undefined : false,
    timeoutMs,
  });
  const n = r.dependencies.length;
  const deps1 = `${n} dependenc${n === 1 ? 'y' : 'ies'}`;
  if (opts.list) {
    for (const d of r.dependencies) {
      const v = d.version ? `${d.version}${d.versionKind === 'minimum' ? ' (minimum)' : ''}` : d.spec ?? '';
      process.stdout.write(`${d.ecosystem}\t${d.name}\t${v}\t${d.source}\t${d.file}:${d.location.start.line}\n`);
    }
    if (!opts.quiet) process.stderr.write(`${deps1} found (not checked: --list only lists them)\n`);
    return 0;
  }
  const byPath = new Map<string, Finding[]>();
  for (const f of r.findings) (byPath.get(f.location.path) ?? byPath.set(f.location.path, []).get(f.location.path)!).push(f);
  const files: FileResult[] = targets.map((t) => ({ path: t.path, findings: byPath.get(t.path) ?? [], errors: [], lines: 0, bytes: t.size }));
  // findings in files reached only through `-r` includes
  for (const [p, list] of byPath) if (!targets.some((t) => t.path === p)) files.push({ path: p, findings: list, errors: [], lines: 0, bytes: 0 });
  const result: ScanResult = assemble(files, [...walkErrors, ...r.errors], [], severity, targets.map((t) => t.path), started);
  result.unchecked = sortUnchecked(r.unchecked);
  result.stats.skipped = skipped;
  const rendered = reporter.render(result, { color: !opts.output && useColor(opts.color, process.stdout) && opts.format === 'text', cwd, version: VERSION, failOn });
  if (opts.output) await fs.writeFile(opts.output, rendered);
  else process.stdout.write(rendered);
  if (!opts.quiet) {
    const notRun = result.unchecked.filter((u) => u.packages?.length).length;
    const partial = result.unchecked.length - notRun;
    const advisories = r.advisorySource === 'none' ? 'not checked' : r.advisorySource;
    const gaps = `${notRun ? `; ${notRun} check${notRun === 1 ? '' : 's'} did not run` : ''}${partial ? `; ${partial} check${partial === 1 ? '' : 's'} incomplete` : ''}`;
    process.stderr.write(`${deps1}; advisories: ${advisories}${gaps}${opts.output ? `; wrote ${opts.format} report to ${opts.output}` : ''}\n`);
  }
  return exitCodeFor(result, failOn);
}

function parseEcosystems(list: string[] | undefined): Ecosystem[] | undefined {
  if (!list?.length) return undefined;
  return list.map((e) => {
    const l = e.toLowerCase();
    if (l === 'npm') return 'npm';
    if (l === 'pypi') return 'PyPI';
    throw new UsageError(`unknown ecosystem ${e} (use npm or PyPI)`);
  });
}

export function registerDepsCommands(program: Command, setExit: (code: number) => void): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command('deps')
    .description('check dependencies: manifests, lockfiles and imports for vulnerable, nonexistent, suspicious and typosquatted packages')
    .argument('[paths...]', 'files and folders to check', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--severity <level>', 'lowest severity to report: critical, high, medium, low, info')
    .option('--fail-on <level>', 'lowest severity that makes the exit status 1 (or none); default: --severity')
    .option('--offline', 'no network: advisories from the local database, no registry lookups')
    .option('--no-imports', 'read only manifests and lockfiles, not imports in code')
    .option('--db <file>', 'advisory database (default: $REDPEN_DB or <cache>/osv.sqlite)')
    .option('--no-cache', 'do not reuse cached registry answers and advisories')
    .option('--timeout <ms>', 'timeout of each network request (default 10000)')
    .option('--list', 'list the dependencies found instead of checking them')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('-q, --quiet', 'no notes on stderr')
    .action(async (paths: string[], opts: DepsCliOptions) => setExit(await depsCommand(paths, opts)));

  const db = program.command('db').description('the local OSV advisory database used by --offline and by `redpen scan`');
  db.command('update')
    .description('download the OSV archives for npm and PyPI and load them')
    .option('--db <file>', 'database file (default: $REDPEN_DB or <cache>/osv.sqlite)')
    .option('--ecosystem <name>', 'npm or PyPI (repeatable; default both)', collect)
    .option('--url <base>', 'archive base URL (default: $REDPEN_OSV_ARCHIVE_URL or OSV\'s public bucket)')
    .option('-q, --quiet', 'no progress notes')
    .action(async (opts: { db?: string; ecosystem?: string[]; url?: string; quiet?: boolean }) => {
      const dbPath = opts.db ?? defaultDbPath();
      let stats;
      try {
        const { updateDatabase } = await deps();
        stats = await updateDatabase({
          dbPath,
          ecosystems: parseEcosystems(opts.ecosystem),
          archiveUrl: opts.url,
          onProgress: (m) => !opts.quiet && process.stderr.write(`${m}\n`),
        });
      } catch (e) {
        const name = (e as Error).constructor?.name;
        if (name !== 'HttpError' && name !== 'DatabaseError') throw e;
        // the update worked on a copy: a failure leaves the database as it was (or absent)
        process.stderr.write(`redpen: db update failed: ${(e as Error).message} (the database at ${dbPath} is unchanged; \`redpen db import\` loads a downloaded archive)\n`);
        setExit(2);
        return;
      }
      let failed = 0;
      for (const [eco, s] of stats) {
        failed += s.failed;
        process.stdout.write(`${eco}: ${s.imported} imported, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.failed} failed\n`);
        for (const e of s.errors) process.stderr.write(`  ${e}\n`);
      }
      process.stdout.write(`database: ${dbPath}\n`);
      setExit(failed > 0 ? 1 : 0);
    });
  db.command('import')
    .description('load OSV records from a folder, a zip archive, a JSON file or JSON Lines (.jsonl, .jsonl.gz)')
    .argument('<paths...>', 'files or folders')
    .option('--db <file>', 'database file (default: $REDPEN_DB or <cache>/osv.sqlite)')
    .action(async (paths: string[], opts: { db?: string }) => {
      const dbPath = opts.db ?? defaultDbPath();
      const { changeAside } = await deps();
      let failed = 0;
      const lines: string[] = [];
      // into a copy: an unreadable input or an interrupted import leaves the database as it was
      const c = await changeAside(dbPath, async (store) => {
        for (const p of paths) {
          const s = await store.importPath(p);
          failed += s.failed;
          lines.push(`${p}: ${s.imported} imported, ${s.unchanged} unchanged, ${s.skipped} skipped (not npm or PyPI), ${s.failed} failed`);
          for (const e of s.errors) process.stderr.write(`  ${e}\n`);
        }
        return store.count();
      }).catch((e: Error) => {
        if (e.constructor?.name === 'DatabaseError') throw new UsageError(`db import failed: ${e.message}`);
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`db import failed: ${e.message} (the database is unchanged)`);
        throw e;
      });
      process.stdout.write(`${lines.join('\n')}\ndatabase: ${dbPath} (${c.records} advisories for ${c.packages} packages)\n`);
      setExit(failed > 0 ? 1 : 0);
    });
  db.command('status')
    .description('show what the database holds and when it was updated')
    .option('--db <file>', 'database file')
    .action(async (opts: { db?: string }) => {
      const dbPath = opts.db ?? defaultDbPath();
      try {
        await fs.access(dbPath);
      } catch {
        process.stdout.write(`no advisory database at ${dbPath} (run \`redpen db update\` or \`redpen db import PATH\`)\n`);
        setExit(1);
        return;
      }
      const { AdvisoryDb } = await deps();
      const store = AdvisoryDb.open(dbPath, { mustExist: true, readOnly: true });
      let usable = true;
      try {
        const c = store.count();
        const asOf = store.dataDate();
        process.stdout.write(`database: ${dbPath}\nadvisories: ${c.records}\npackages: ${c.packages}\nupdated: ${store.updatedAt() ?? 'unknown'}\nadvisories up to: ${asOf ?? 'unknown'}\n`);
        const maxAge = (await import('../deps/check.js')).maxDatabaseAgeDays();
        const age = asOf ? (Date.now() - Date.parse(asOf)) / 86_400_000 : Infinity;
        // what the checks will make of it: an empty database answers nothing, a stale one in part
        if (c.records === 0) {
          usable = false;
          process.stdout.write('status: empty; vulnerability checks report their packages as not checked (run `redpen db update`)\n');
        } else if (!(age <= maxAge)) {
          process.stdout.write(`status: stale (older than ${maxAge} days); reports say advisories published since were not checked (run \`redpen db update\`)\n`);
        }
      } finally {
        store.close();
      }
      setExit(usable ? 0 : 1);
    });
}
