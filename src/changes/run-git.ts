/**
 * Every git command redpen runs goes through here: the repository being scanned is untrusted
 * input (a clone, a pull request, an archive someone sent), and its `.git/config` and
 * `.gitattributes` can name programs git would run: diff textconv and external diff drivers,
 * clean/smudge filters, the fsmonitor hook, a pager, gpg for signed commits (log.showSignature),
 * transports for lazily fetched objects. redpen only reads, so all of them are switched off.
 *
 * Invariants:
 * - No shell: git is started with execFile/spawn and an argument list.
 * - `-c` overrides (highest precedence, and inherited by any git child process) disable
 *   fsmonitor, hooks, pagers, signature checks, colour, submodule recursion and every transport
 *   (`protocol.allow=never`); the repository's own filter and diff drivers are read from its
 *   config and blanked by name; diff, log and show also get --no-textconv and --no-ext-diff.
 * - The environment keeps nothing from the caller that could redirect git or run a program
 *   (GIT_DIR, GIT_EXTERNAL_DIFF, GIT_CONFIG_PARAMETERS, GIT_SSH_COMMAND, ...): every GIT_*
 *   variable is dropped except GIT_INDEX_FILE, which a pre-commit hook run by `git commit -a`
 *   or `git commit <paths>` needs to see what is being committed (an index is data, not code).
 *   System config and attributes are not read; no prompt, no optional index writes.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

export class GitError extends Error {}

const FIXED_CONFIG = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'protocol.allow=never',
  'log.showSignature=false',
  'color.ui=false',
  'submodule.recurse=false',
  'diff.ignoreSubmodules=all',
  'diff.external=',
];

/** Subcommands that can produce diffs, where textconv and external diff drivers would run. */
const DIFFING = new Set(['diff', 'log', 'show']);

/** The environment git runs with: the caller's, minus GIT_* (but GIT_INDEX_FILE), plus safe settings. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^GIT_/i.test(k) && k !== 'GIT_INDEX_FILE') continue;
    if (k === 'PAGER') continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
  };
}

const driverCache = new Map<string, Promise<string[]>>();

/**
 * `-c` overrides blanking the filter and diff drivers the repository's config (and what it
 * includes) defines. Reading config runs nothing; a folder outside a repository has none.
 */
function driverOverrides(cwd: string): Promise<string[]> {
  let p = driverCache.get(cwd);
  if (!p) {
    p = run('git', [...base(), 'config', '--name-only', '-z', '--get-regexp', '^(filter|diff)\\.'], { cwd, env: gitEnv(), maxBuffer: 1024 * 1024, encoding: 'utf8' })
      .then(({ stdout }) => {
        const out: string[] = [];
        for (const key of stdout.split('\0')) {
          const m = /^(filter|diff)\.(.+)\.(clean|smudge|process|required|textconv|command)$/i.exec(key);
          if (!m) continue;
          const kind = m[1].toLowerCase();
          const name = m[2];
          if (kind === 'filter') out.push(`filter.${name}.clean=`, `filter.${name}.smudge=`, `filter.${name}.process=`, `filter.${name}.required=false`);
          else out.push(`diff.${name}.textconv=`, `diff.${name}.command=`);
        }
        return [...new Set(out)].flatMap((c) => ['-c', c]);
      })
      .catch(() => []);
    driverCache.set(cwd, p);
  }
  return p;
}

function base(): string[] {
  return ['--no-pager', '--no-replace-objects', ...FIXED_CONFIG.flatMap((c) => ['-c', c])];
}

/** The full argument list for `git <args>` in `cwd`, with every program-running feature off. */
export async function gitArgs(args: string[], cwd: string): Promise<string[]> {
  const [sub, ...rest] = args;
  const safe = DIFFING.has(sub) ? ['--no-textconv', '--no-ext-diff'] : [];
  return [...base(), ...(await driverOverrides(cwd)), sub, ...safe, ...rest];
}

export interface GitRunOptions {
  /** 'buffer' for file contents (default utf8). */
  encoding?: 'utf8' | 'buffer';
}

/** Run git and return its stdout; a failure is a GitError with git's first line of stderr. */
export async function runGit(args: string[], cwd: string, o?: { encoding?: 'utf8' }): Promise<string>;
export async function runGit(args: string[], cwd: string, o: { encoding: 'buffer' }): Promise<Buffer>;
export async function runGit(args: string[], cwd: string, o: GitRunOptions = {}): Promise<string | Buffer> {
  const argv = await gitArgs(args, cwd);
  try {
    const { stdout } = await run('git', argv, { cwd, env: gitEnv(), maxBuffer: MAX_GIT_OUTPUT, encoding: o.encoding ?? 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer };
    if (err.code === 'ENOENT') throw new GitError('git is not installed');
    const stderr = typeof err.stderr === 'string' ? err.stderr : (err.stderr?.toString('utf8') ?? '');
    throw new GitError(`git ${args[0]} failed: ${(stderr || err.message).trim().split('\n')[0]}`);
  }
}

/** Start git with its stdout and stderr piped (for streaming `git log -p`). */
export async function spawnGit(args: string[], cwd: string): Promise<ChildProcessByStdio<null, Readable, Readable>> {
  return spawn('git', await gitArgs(args, cwd), { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A revision or range given by a user must not be read by git as an option (`--output=...`). */
export function checkRevision(rev: string): void {
  if (rev.startsWith('-')) throw new GitError(`not a revision: ${rev}`);
}
