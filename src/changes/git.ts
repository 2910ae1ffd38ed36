/**
 * `redpen scan --staged` and `--diff BASE`: scan only the files a change touches and report
 * only the findings it introduces (see compare.ts). git runs through run-git.ts (no shell, and
 * none of the repository's configured programs) with NUL-separated output, so file names with
 * spaces or newlines are safe.
 *
 * --staged: the index's version of each staged file against HEAD (what `git commit` would
 *           record), so a partially staged file is judged by what is committed.
 * --diff:   the working tree against BASE (a commit, branch or tag), plus untracked files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';
import type { Rule } from '../core/rule.js';
import { Scanner } from '../core/scanner.js';
import type { FileResult, ScanError, ScanResult, Severity } from '../core/types.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { createDetectors, type DetectorConfig } from '../runner/detectors.js';
import { assemble } from '../runner/index.js';
import { scanChange } from './compare.js';
import { checkRevision, GitError, runGit } from './run-git.js';

export { GitError };

async function git(args: string[], cwd: string): Promise<string> {
  try {
    return await runGit(args, cwd);
  } catch (e) {
    if (e instanceof GitError && e.message === 'git is not installed') throw new GitError('git is not installed (needed by --staged and --diff)');
    throw e;
  }
}

/**
 * The stored bytes of a file at a revision (`:path` for the index), or null when it does not
 * exist there. `cat-file blob` gives the object as committed: no textconv, no filters.
 */
async function show(spec: string, cwd: string): Promise<Buffer | null> {
  try {
    return await runGit(['cat-file', 'blob', spec], cwd, { encoding: 'buffer' });
  } catch {
    return null;
  }
}

export interface ChangedFile {
  /** Path relative to the repository root, '/' separated. */
  path: string;
  /** The path at the base when the file was renamed or copied. */
  oldPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'copied' | 'untracked';
}

/** Parse `git diff --name-status -z` output. Deleted files are left out: nothing is left to scan. */
export function parseNameStatus(out: string): ChangedFile[] {
  const parts = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    if (!code) continue;
    const kind = code[0];
    if (kind === 'R' || kind === 'C') {
      const oldPath = parts[i++];
      const newPath = parts[i++];
      files.push({ path: newPath, oldPath, status: kind === 'R' ? 'renamed' : 'copied' });
    } else {
      const p = parts[i++];
      if (kind === 'A') files.push({ path: p, status: 'added' });
      else if (kind === 'M' || kind === 'T') files.push({ path: p, status: 'modified' });
      // D (deleted), U (unmerged), X: nothing to scan; unmerged files are reported by git itself
    }
  }
  return files;
}

export interface ChangeSetOptions {
  mode: 'staged' | 'diff';
  /** The base revision for --diff (default for --staged: HEAD). */
  base?: string;
  cwd: string;
}

export interface ChangeSet {
  root: string;
  base: string | null;
  files: ChangedFile[];
}

export async function changeSet(o: ChangeSetOptions): Promise<ChangeSet> {
  const root = (await git(['rev-parse', '--show-toplevel'], o.cwd)).trim();
  let base: string | null = o.mode === 'staged' ? 'HEAD' : (o.base ?? null);
  if (!base) throw new GitError('--diff needs a base revision (a commit, branch or tag)');
  checkRevision(base);
  // a repository with no commits yet: everything staged is new
  const hasBase = await runGit(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], root).then(() => true, () => false);
  if (!hasBase) {
    if (o.mode === 'diff') throw new GitError(`unknown revision ${base}`);
    base = null;
  }
  const args = ['diff', '--name-status', '-z', '--find-renames', '--no-relative'];
  if (o.mode === 'staged') args.push('--cached');
  if (base) args.push(base);
  else args.push('4b825dc642cb6eb9a060e54bf8d69288fbee4904'); // git's empty tree (staged mode only)
  const files = parseNameStatus(await git([...args, '--'], root));
  if (o.mode === 'diff') {
    const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'], root)).split('\0').filter(Boolean);
    for (const p of untracked) files.push({ path: p, status: 'untracked' });
  }
  return { root, base, files };
}

export interface ChangeScanOptions extends ChangeSetOptions {
  rules: Rule[];
  detectors: DetectorConfig;
  severity?: Severity;
  maxFileBytes?: number;
  include?: string[];
  exclude?: string[];
  /** Limit to these paths (files or folders, relative to cwd). */
  paths?: string[];
  errors?: ScanError[];
  baseline?: Set<string>;
  /** Key of secret fingerprints (a baseline's); default: secrets/key.ts. */
  secretKey?: string;
}

function decode(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Scan a change set; the ScanResult lists pre-existing findings as suppressed, never drops them. */
export async function scanChanges(o: ChangeScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const cs = await changeSet(o);
  const scanner = await Scanner.create({ rules: o.rules, detectors: createDetectors(o.detectors), maxFileBytes: o.maxFileBytes, secretKey: o.secretKey });
  const excl = o.exclude?.length ? ignore().add(o.exclude) : null;
  const incl = o.include?.length ? ignore().add(o.include) : null;
  const redpenIgnore = await fs.readFile(path.join(cs.root, '.redpenignore'), 'utf8').then((t) => ignore().add(t), () => null);
  const limits = (o.paths ?? []).filter((p) => p !== '.').map((p) => path.relative(cs.root, path.resolve(o.cwd, p)).split(path.sep).join('/'));
  const results: FileResult[] = [];
  const scanned: string[] = [];
  const reason = cs.base ? `present in ${o.mode === 'staged' ? 'HEAD' : cs.base} or on an unchanged line` : 'on an unchanged line';
  for (const f of cs.files) {
    if (limits.length && !limits.some((l) => f.path === l || f.path.startsWith(`${l}/`))) continue;
    if (excl?.ignores(f.path) || redpenIgnore?.ignores(f.path)) continue;
    if (incl && !incl.ignores(f.path)) continue;
    const display = path.relative(o.cwd, path.join(cs.root, f.path)).split(path.sep).join('/') || f.path;
    scanned.push(display);
    const newBuf = o.mode === 'staged' ? await show(`:${f.path}`, cs.root) : await fs.readFile(path.join(cs.root, f.path)).catch(() => null);
    if (newBuf === null) {
      results.push({ path: display, findings: [], errors: [{ path: display, kind: 'io', level: 'error', message: 'cannot read the changed file' }], lines: 0, bytes: 0, skipped: true });
      continue;
    }
    const text = decode(newBuf);
    if (text === null) {
      results.push({ path: display, findings: [], errors: [{ path: display, kind: 'encoding', level: 'error', message: 'not valid UTF-8 text' }], lines: 0, bytes: newBuf.length, skipped: true });
      continue;
    }
    let before: string | null = null;
    if (cs.base && f.status !== 'untracked' && f.status !== 'added') {
      const oldBuf = await show(`${cs.base}:${f.oldPath ?? f.path}`, cs.root);
      before = oldBuf ? decode(oldBuf) : null;
    }
    const { result } = scanChange(scanner, display, before, text, { reason });
    if (o.baseline) for (const x of result.findings) if (!x.suppressed && o.baseline.has(x.fingerprint)) x.suppressed = { kind: 'baseline' };
    results.push(result);
  }
  return assemble(results, o.errors ?? [], o.rules.map(ruleInfo), o.severity, scanned, started);
}
