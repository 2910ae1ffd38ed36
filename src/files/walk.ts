/**
 * Finding the files to scan: directories walked in sorted order, `.gitignore` and
 * `.redpenignore` honoured at every level (and those of ancestors up to the repository root),
 * dependency folders, virtualenvs, VCS folders and vendored bundles skipped by default.
 * Paths named explicitly on the command line are always scanned.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanError } from '../core/types.js';

/** Folder names never descended into unless named explicitly. */
export const DEFAULT_SKIP_DIRS = new Set([
  'node_modules', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn', '__pycache__',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', 'dist-packages',
  '.venv', 'venv', '.next', '.nuxt', '.svelte-kit', '.cache', '.redpen-cache', '.yarn', '.npm',
  '.pnpm-store', 'coverage', '.idea', '.vscode', 'vendor',
]);

/** File names that are generated or vendored bundles. */
const SKIP_FILES = /(\.min\.(js|mjs|cjs|css)|[-.]bundle\.js|\.map|\.chunk\.js)$/i;

/** Extensions that are never text worth scanning. */
const BINARY_EXT = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.webp', '.svgz', '.tif', '.tiff', '.psd',
  '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.rar', '.tar', '.jar', '.war', '.whl', '.egg',
  '.pdf', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.odt',
  '.woff', '.woff2', '.ttf', '.otf', '.eot', '.mp3', '.mp4', '.wav', '.ogg', '.mov', '.avi', '.webm',
  '.pyc', '.pyo', '.so', '.dll', '.dylib', '.exe', '.o', '.a', '.class', '.wasm', '.node', '.bin',
  '.db', '.sqlite', '.sqlite3', '.pkl', '.npy', '.npz', '.h5', '.parquet', '.onnx', '.pt', '.safetensors',
]);

export interface Target {
  /** Path for reports: relative to cwd when inside it, '/' separated. */
  path: string;
  abs: string;
  size: number;
}

export interface WalkOptions {
  cwd?: string;
  /** Extra gitignore-style patterns to exclude (config `paths.exclude`, `--exclude`). */
  exclude?: string[];
  /** When given, only files matching one of these gitignore-style patterns. */
  include?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  const p = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return p.split(path.sep).join('/');
}

async function readIgnoreFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function layerFor(dir: string, gitignore: boolean): Promise<IgnoreLayer | null> {
  const names = gitignore ? ['.gitignore', '.redpenignore'] : ['.redpenignore'];
  let ig: Ignore | null = null;
  for (const n of names) {
    const text = await readIgnoreFile(path.join(dir, n));
    if (text !== null) (ig ??= ignore()).add(text);
  }
  return ig ? { dir, ig } : null;
}

/** Ignore layers of the ancestors of `dir` up to the repository root (the folder holding .git). */
async function ancestorLayers(dir: string, gitignore: boolean): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  let cur = path.dirname(dir);
  let found = false;
  for (let i = 0; i < 64; i++) {
    chain.push(cur);
    try {
      await fs.stat(path.join(cur, '.git'));
      found = true;
      break;
    } catch {
      // keep climbing
    }
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  if (!found) return [];
  const layers: IgnoreLayer[] = [];
  for (const d of chain.reverse()) {
    const l = await layerFor(d, gitignore);
    if (l) layers.push(l);
  }
  return layers;
}

function ignoredBy(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const { dir, ig } of layers) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

export async function collectTargets(inputs: string[], options: WalkOptions = {}): Promise<{ targets: Target[]; errors: ScanError[] }> {
  const cwd = options.cwd ?? process.cwd();
  const gitignore = options.gitignore ?? true;
  const targets: Target[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  const userExclude = options.exclude?.length ? ignore().add(options.exclude) : null;
  const userInclude = options.include?.length ? ignore().add(options.include) : null;

  const accept = (abs: string, root: string): boolean => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const fromCwd = displayPath(abs, cwd);
    if (userExclude && (userExclude.ignores(rel) || (!fromCwd.startsWith('/') && userExclude.ignores(fromCwd)))) return false;
    if (userInclude && !(userInclude.ignores(rel) || (!fromCwd.startsWith('/') && userInclude.ignores(fromCwd)))) return false;
    return true;
  };

  const add = (abs: string, size: number) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    targets.push({ path: displayPath(abs, cwd), abs, size });
  };

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st;
    try {
      st = await fs.stat(abs);
    } catch (e) {
      errors.push({ path: input, kind: 'io', level: 'error', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (st.isFile()) {
      add(abs, st.size);
      continue;
    }
    if (!st.isDirectory()) {
      errors.push({ path: input, kind: 'io', level: 'error', message: 'not a file or directory' });
      continue;
    }
    const base = await ancestorLayers(abs, gitignore);
    const walk = async (dir: string, layers: IgnoreLayer[]): Promise<void> => {
      const own = await layerFor(dir, gitignore);
      const all = own ? [...layers, own] : layers;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (e) {
        errors.push({ path: displayPath(dir, cwd), kind: 'io', level: 'error', message: `cannot list: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (DEFAULT_SKIP_DIRS.has(e.name)) continue;
          if (ignoredBy(all, p, true)) continue;
          // a virtualenv under any name
          try {
            await fs.stat(path.join(p, 'pyvenv.cfg'));
            continue;
          } catch {
            // not a virtualenv
          }
          await walk(p, all);
        } else if (e.isFile()) {
          if (SKIP_FILES.test(e.name)) continue;
          if (BINARY_EXT.has(path.extname(e.name).toLowerCase())) continue;
          if (ignoredBy(all, p, false)) continue;
          if (!accept(p, abs)) continue;
          let size = 0;
          try {
            size = (await fs.stat(p)).size;
          } catch {
            // reported when read
          }
          add(p, size);
        }
      }
    };
    await walk(abs, base);
  }
  return { targets, errors };
}

export interface ReadResult {
  text?: string;
  error?: ScanError;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read a target as UTF-8 text, refusing binary, oversized and undecodable files with a reason. */
export async function readTarget(t: Target, maxBytes: number): Promise<ReadResult> {
  if (t.size > maxBytes) {
    return { error: { path: t.path, kind: 'too-large', level: 'error', message: `file is ${t.size} bytes, over the ${maxBytes}-byte limit (raise it with --max-file-size)` } };
  }
  let buf: Buffer;
  try {
    buf = await fs.readFile(t.abs);
  } catch (e) {
    return { error: { path: t.path, kind: 'io', level: 'error', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  return decodeBuffer(buf, t.path, maxBytes);
}

export function decodeBuffer(buf: Buffer, p: string, maxBytes: number): ReadResult {
  if (buf.length > maxBytes) {
    return { error: { path: p, kind: 'too-large', level: 'error', message: `file is ${buf.length} bytes, over the ${maxBytes}-byte limit (raise it with --max-file-size)` } };
  }
  const head = buf.subarray(0, 8000);
  if (head.includes(0)) return { error: { path: p, kind: 'binary', level: 'error', message: 'file looks binary (contains NUL bytes)' } };
  try {
    let text = decoder.decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { error: { path: p, kind: 'encoding', level: 'error', message: 'file is not valid UTF-8' } };
  }
}
