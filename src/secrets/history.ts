/**
 * Secrets in git history: a key deleted from the working tree is still in every clone.
 * Runs `git log -p` (oldest commit first, added lines only), scans the lines each commit
 * added to each file, and reports each secret once, at the commit that introduced it.
 *
 * Invariants: git is read through its own CLI (src/changes/run-git.ts: none of the
 * repository's configured programs run), streamed line by line (memory bounded by one
 * file's additions in one commit); no value leaves as more than its redacted form; a git
 * failure is a ScanError, never a crash.
 */
import { DEFAULT_MAX_FILE_BYTES } from '../core/limits.js';
import readline from 'node:readline';
import { LineIndex } from '../core/ast.js';
import { assignFingerprints } from '../core/fingerprint.js';
import type { FileResult, Finding, ScanError } from '../core/types.js';
import { checkRevision, spawnGit } from '../changes/run-git.js';
import { buildFindings } from './findings.js';
import { secretEngine } from './index.js';
import { defaultSecretKey } from './key.js';
import { Redaction } from './redact.js';
import type { RawSecret } from './types.js';

export interface HistoryOptions {
  /** Repository (or any folder inside it). */
  cwd: string;
  /** Revision range or ref (default HEAD); `--all` scans every ref. */
  range?: string;
  all?: boolean;
  /** Only paths under these pathspecs. */
  paths?: string[];
  maxCommits?: number;
  /** Additions to one file in one commit above this many bytes are skipped (reported). */
  maxFileBytes?: number;
  /** Key of secret fingerprints (secrets/key.ts); default: REDPEN_SECRET_KEY, else this user's key. */
  secretKey?: string;
}

export interface HistoryResult {
  results: FileResult[];
  errors: ScanError[];
  commits: number;
  /** File versions (one file in one commit) scanned. */
  scanned: number;
}

interface Pending {
  commit: string;
  date: string;
  path: string;
  /** Added lines with their line numbers in the new file. */
  lines: { n: number; text: string }[];
  bytes: number;
}

const COMMIT_MARK = '\u001ecommit ';

export async function scanHistory(opts: HistoryOptions): Promise<HistoryResult> {
  // explicit settings the repository's config could otherwise change: prefixes and hunk
  // context the parser below relies on, root commits shown, no relative paths
  const args = ['log', '-p', '--reverse', '--no-color', '--unified=0', '--inter-hunk-context=0', '--src-prefix=a/', '--dst-prefix=b/', '--no-relative', '--root', '--no-renames', '--diff-filter=AM', `--format=${COMMIT_MARK}%H %aI`];
  if (opts.maxCommits) args.push(`--max-count=${opts.maxCommits}`);
  if (opts.all) args.push('--all');
  else {
    try {
      checkRevision(opts.range ?? 'HEAD');
    } catch (e) {
      return { results: [], errors: [{ path: opts.cwd, kind: 'io', level: 'error', message: (e as Error).message }], commits: 0, scanned: 0 };
    }
    args.push(opts.range ?? 'HEAD');
  }
  args.push('--', ...(opts.paths ?? []));
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const byPath = new Map<string, Finding[]>();
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  let commits = 0;
  let scanned = 0;
  // one redaction for the whole history: a value found in one commit is hidden in all later output
  const redaction = new Redaction(opts.secretKey ?? defaultSecretKey());

  const flush = (p: Pending | null) => {
    if (!p || p.lines.length === 0) return;
    if (p.bytes > maxBytes) {
      errors.push({ path: p.path, kind: 'too-large', level: 'warning', message: `commit ${p.commit.slice(0, 12)} adds ${p.bytes} bytes to this file; not scanned (over ${maxBytes})` });
      return;
    }
    scanned++;
    const text = p.lines.map((l) => l.text).join('\n');
    if (text.includes('\u0000')) return;
    const raw = secretEngine().scan({ text, path: p.path }).filter((r) => {
      // the same secret again later (a move, a revert) was introduced by its first commit
      const key = `${r.spec.id}\u0000${redaction.mark(r.value).fingerprint}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (raw.length === 0) return;
    const lines = new LineIndex(text);
    const found = buildFindings(raw as RawSecret[], { path: p.path, lines, text }, (v) => redaction.mark(v));
    for (let f of found) {
      // synthetic document lines -> the file's own line numbers at that commit
      f.location.start.line = p.lines[f.location.start.line - 1]?.n ?? f.location.start.line;
      f.location.end.line = p.lines[f.location.end.line - 1]?.n ?? f.location.end.line;
      f.secret!.commit = p.commit;
      f.message = `${f.message} Introduced in commit ${p.commit.slice(0, 12)} (${p.date}); removing it from the working tree does not remove it from history.`;
      f = redaction.value(f);
      const list = byPath.get(p.path) ?? [];
      list.push(f);
      byPath.set(p.path, list);
    }
  };

  let started: Awaited<ReturnType<typeof spawnGit>> | null = null;
  try {
    started = await spawnGit(args, opts.cwd);
  } catch (e) {
    errors.push({ path: opts.cwd, kind: 'io', level: 'error', message: `cannot run git: ${(e as Error).message}` });
  }
  if (started) await new Promise<void>((resolve) => {
    const child = started;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 2000) stderr += d;
    });
    let commit = '';
    let date = '';
    let pending: Pending | null = null;
    let next = 0;
    const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      if (line.startsWith(COMMIT_MARK)) {
        flush(pending);
        pending = null;
        const [sha, when] = line.slice(COMMIT_MARK.length).split(' ');
        commit = sha;
        date = when ?? '';
        commits++;
        return;
      }
      if (line.startsWith('diff --git ')) {
        flush(pending);
        pending = null;
        return;
      }
      if (line.startsWith('+++ ')) {
        const target = line.slice(4);
        const path = target.startsWith('"') ? unquote(target) : target.replace(/^b\//, '');
        pending = target === '/dev/null' ? null : { commit, date, path, lines: [], bytes: 0 };
        return;
      }
      if (line.startsWith('@@')) {
        const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
        next = m ? Number(m[1]) : 0;
        return;
      }
      if (pending && line.startsWith('+')) {
        pending.lines.push({ n: next++, text: line.slice(1) });
        pending.bytes += line.length;
      }
    });
    child.on('error', (e) => {
      errors.push({ path: opts.cwd, kind: 'io', level: 'error', message: `cannot run git: ${e.message}` });
    });
    child.on('close', (code) => {
      rl.close();
      flush(pending);
      if (code !== 0 && code !== null) errors.push({ path: opts.cwd, kind: 'io', level: 'error', message: `git log failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}` });
      resolve();
    });
  });

  const results: FileResult[] = [];
  for (const [path, findings] of [...byPath].sort((a, b) => a[0].localeCompare(b[0]))) {
    findings.sort((a, b) => a.location.start.line - b.location.start.line || a.ruleId.localeCompare(b.ruleId));
    assignFingerprints(findings, () => '');
    results.push({ path, findings, errors: [], lines: 0, bytes: 0 });
  }
  return { results, errors, commits, scanned };
}

/** git quotes unusual paths C-style: "b/dir/na\303\257ve.txt". */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  const inner = p.slice(1, -1).replace(/^b\//, '');
  const bytes: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && /[0-7]{3}/.test(inner.slice(i + 1, i + 4))) {
      bytes.push(parseInt(inner.slice(i + 1, i + 4), 8));
      i += 3;
    } else if (c === '\\') {
      const e = inner[++i];
      bytes.push((({ n: 10, t: 9, '"': 34, '\\': 92 }) as Record<string, number>)[e] ?? e.charCodeAt(0));
    } else bytes.push(...Buffer.from(c));
  }
  return Buffer.from(bytes).toString('utf8');
}
