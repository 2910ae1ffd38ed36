/**
 * The corpora the benchmark measures, set up by the benchmark itself under bench/work/corpora:
 *
 * - python-stdlib: the local Python's standard library (when a python3 is present);
 * - npm-packages: the packages pinned by bench/npm-corpus/package-lock.json, installed with
 *   `npm ci --ignore-scripts` (never run);
 * - generated: bench/corpus, generated-style programs (vulnerable and fixed twins);
 * - scale-1x/10x/100x: a fixed sample of the above, replicated, to show how cost grows with
 *   the number of files; bigfile-1x/10x/100x: one Python and one JavaScript file made of N
 *   copies of a module, to show how cost grows with the size of one file.
 *
 * Every corpus is a plain folder of code files only, so every tool sees exactly the same
 * files. Files redpen's walker would skip by name (folders such as `venv`, `vendor`, `.min.js`
 * bundles) and files over its size limit are left out when copying and counted in the notes,
 * so that the file set is the same for all tools. Copies are reused while their source key
 * (Python version, lockfile hash, corpus content) is unchanged.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { BENCH_DIR, WORK_DIR, countLines, errMsg, listFiles, log, readJson, run, sha256, tail, treeHash } from './util.js';

export const CORPORA_DIR = path.join(WORK_DIR, 'corpora');
const MAX_FILE_BYTES = 3_000_000;

const PY = /\.py$/;
const JS = /\.(js|cjs|mjs)$/;
const CODE = /\.(py|js|cjs|mjs|jsx|ts|mts|cts|tsx)$/;

/** Deterministic 1-in-`n` sample by path, so quick mode and the scale base are pinned too. */
function sampled(rel, n) {
  if (n <= 1) return true;
  return parseInt(sha256(rel).slice(0, 8), 16) % n === 0;
}

export function languageOf(rel) {
  if (/\.py$/.test(rel)) return 'python';
  if (/\.(ts|mts|cts)$/.test(rel)) return 'typescript';
  if (/\.tsx$/.test(rel)) return 'tsx';
  return 'javascript';
}

async function skipRules() {
  // the walker's own lists, so the copy holds exactly what redpen scans
  const walk = await import(path.join(BENCH_DIR, '..', 'dist', 'files', 'walk.js'));
  const SKIP_FILES = /(\.min\.(js|mjs|cjs|css)|[-.]bundle\.js|\.map|\.chunk\.js)$/i;
  return (rel) => {
    const parts = rel.split('/');
    if (parts.slice(0, -1).some((p) => walk.DEFAULT_SKIP_DIRS.has(p))) return 'skipped folder name';
    if (SKIP_FILES.test(parts[parts.length - 1])) return 'bundle or minified name';
    return null;
  };
}

/**
 * Copy `files` (relative to `src`) into `dest`, renaming `node_modules` path segments (which
 * every tool skips by default) and leaving out what redpen's walker skips. Returns the record.
 */
async function materialise(id, src, files, dest, key, extra = {}) {
  const stampFile = `${dest}.json`;
  const stamp = await readJson(stampFile);
  if (stamp && stamp.key === key && fs.existsSync(dest)) return { ...stamp.record, dir: dest, reused: true };
  await fsp.rm(dest, { recursive: true, force: true });
  await fsp.mkdir(dest, { recursive: true });
  const skip = await skipRules();
  const notes = [];
  const left = {};
  const kept = [];
  for (const rel of files) {
    const target = rel.split('/').map((p) => (p === 'node_modules' ? 'nm' : p)).join('/');
    const why = skip(target);
    const st = await fsp.stat(path.join(src, rel));
    const reason = why ?? (st.size > MAX_FILE_BYTES ? `over ${MAX_FILE_BYTES} bytes` : null);
    if (reason) {
      left[reason] = (left[reason] ?? 0) + 1;
      continue;
    }
    await fsp.mkdir(path.dirname(path.join(dest, target)), { recursive: true });
    await fsp.copyFile(path.join(src, rel), path.join(dest, target));
    kept.push(target);
  }
  for (const [reason, n] of Object.entries(left)) notes.push(`${n} files left out (${reason}), as redpen's walker skips them`);
  const record = await describe(id, dest, kept.sort(), { ...extra, notes: [...(extra.notes ?? []), ...notes] });
  await fsp.writeFile(stampFile, JSON.stringify({ key, record: { ...record, dir: undefined } }, null, 1));
  return record;
}

async function describe(id, dir, files, extra) {
  let lines = 0;
  let bytes = 0;
  const byLanguage = {};
  for (const f of files) {
    const buf = await fsp.readFile(path.join(dir, f));
    const n = countLines(buf.toString('utf8'));
    lines += n;
    bytes += buf.length;
    const l = languageOf(f);
    byLanguage[l] ??= { files: 0, lines: 0 };
    byLanguage[l].files++;
    byLanguage[l].lines += n;
  }
  return { id, dir, files: files.length, lines, bytes, byLanguage, hash: await treeHash(dir, files), ...extra };
}

async function pythonStdlib(quick) {
  const py = await run('python3', ['-c', 'import sys, sysconfig; print(sysconfig.get_paths()["stdlib"]); print(sys.version.split()[0])']);
  if (py.code !== 0) return { id: 'python-stdlib', error: `no usable python3 (${tail(py.stderr) || py.error || 'exit ' + py.code})` };
  const [stdlib, version] = py.stdout.trim().split('\n');
  const all = await listFiles(stdlib, (r) => PY.test(r) && !/(^|\/)(site-packages|dist-packages)\//.test(r));
  const files = all.filter((r) => sampled(r, quick ? 10 : 1));
  const id = 'python-stdlib';
  return materialise(id, stdlib, files, path.join(CORPORA_DIR, quick ? `${id}-sample` : id), `py-${version}-${files.length}-${quick}`, {
    title: `Python ${version} standard library${quick ? ' (10% sample)' : ''}`,
    source: `python3 ${version}: sysconfig stdlib, every .py file${quick ? ' whose path hash is 0 mod 10' : ''}`,
    pythonVersion: version,
  });
}

async function npmPackages(quick) {
  const id = 'npm-packages';
  const pkgDir = path.join(BENCH_DIR, 'npm-corpus');
  const lock = await fsp.readFile(path.join(pkgDir, 'package-lock.json'), 'utf8');
  const installDir = path.join(WORK_DIR, 'npm-corpus');
  const lockHash = sha256(lock).slice(0, 16);
  const installStamp = path.join(installDir, '.bench-lock-hash');
  if ((await fsp.readFile(installStamp, 'utf8').catch(() => '')) !== lockHash) {
    log('installing the npm corpus (npm ci --ignore-scripts)');
    await fsp.rm(installDir, { recursive: true, force: true });
    await fsp.mkdir(installDir, { recursive: true });
    await fsp.copyFile(path.join(pkgDir, 'package.json'), path.join(installDir, 'package.json'));
    await fsp.writeFile(path.join(installDir, 'package-lock.json'), lock);
    const r = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: installDir, timeoutMs: 600_000 });
    if (r.code !== 0) return { id, error: `npm ci failed: ${r.timedOut ? 'timed out' : tail(r.stderr)}` };
    await fsp.writeFile(installStamp, lockHash);
  }
  const direct = Object.entries(JSON.parse(await fsp.readFile(path.join(pkgDir, 'package.json'), 'utf8')).dependencies);
  const lockJson = JSON.parse(lock);
  const count = Object.keys(lockJson.packages ?? {}).filter((k) => k.startsWith('node_modules/')).length;
  const src = path.join(installDir, 'node_modules');
  const all = await listFiles(src, (r) => JS.test(r));
  const files = all.filter((r) => sampled(r, quick ? 10 : 1));
  return materialise(id, src, files, path.join(CORPORA_DIR, quick ? `${id}-sample` : id), `npm-${lockHash}-${files.length}-${quick}`, {
    title: `npm packages${quick ? ' (10% sample)' : ''}: ${direct.map(([n, v]) => `${n}@${v}`).join(', ')} and their dependencies (${count} packages)`,
    source: `bench/npm-corpus/package-lock.json (sha256 ${lockHash}), every .js/.cjs/.mjs file${quick ? ' whose path hash is 0 mod 10' : ''}`,
  });
}

async function generated() {
  const id = 'generated';
  const src = path.join(BENCH_DIR, 'corpus');
  const files = await listFiles(src, (r) => CODE.test(r));
  if (!files.length) return { id, error: 'bench/corpus holds no programs' };
  const key = await treeHash(src, files);
  return materialise(id, src, files, path.join(CORPORA_DIR, id), `gen-${key}`, {
    title: 'Generated-style programs (bench/corpus, vulnerable and fixed twins)',
    source: 'bench/corpus in this repository',
  });
}

/** Replicate `base` files N times (file-count scaling). */
async function replicated(base, n) {
  const id = `scale-${n}x`;
  const dest = path.join(CORPORA_DIR, id);
  const key = `${base.hash}-${n}`;
  const stamp = await readJson(`${dest}.json`);
  if (stamp?.key === key && fs.existsSync(dest)) return { ...stamp.record, dir: dest, reused: true };
  await fsp.rm(dest, { recursive: true, force: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const copy = `copy-${String(i).padStart(3, '0')}`;
    for (const f of base.list) {
      const target = `${copy}/${f}`;
      await fsp.mkdir(path.dirname(path.join(dest, target)), { recursive: true });
      await fsp.copyFile(path.join(base.dir, f), path.join(dest, target));
      files.push(target);
    }
  }
  const record = await describe(id, dest, files.sort(), { title: `${n} copies of the scale base`, source: `scale base (${base.files} files, ${base.lines} lines) x ${n}`, scale: n, kind: 'files' });
  await fsp.writeFile(`${dest}.json`, JSON.stringify({ key, record: { ...record, dir: undefined } }, null, 1));
  return record;
}

/** One Python and one JavaScript file of N copies of a module (file-size scaling). */
async function bigfile(modules, n) {
  const id = `bigfile-${n}x`;
  const dest = path.join(CORPORA_DIR, id);
  const key = `${sha256(modules.py + modules.js).slice(0, 16)}-${n}`;
  const stamp = await readJson(`${dest}.json`);
  if (stamp?.key === key && fs.existsSync(dest)) return { ...stamp.record, dir: dest, reused: true };
  await fsp.rm(dest, { recursive: true, force: true });
  await fsp.mkdir(dest, { recursive: true });
  await fsp.writeFile(path.join(dest, 'big.py'), Array(n).fill(modules.py).join('\n'));
  await fsp.writeFile(path.join(dest, 'big.js'), Array(n).fill(modules.js).join('\n'));
  const record = await describe(id, dest, ['big.js', 'big.py'], {
    title: `one .py and one .js file, each ${n} copies of a module`,
    source: `modules of ${countLines(modules.py)} (py) and ${countLines(modules.js)} (js) lines x ${n}`,
    scale: n,
    kind: 'bigfile',
  });
  await fsp.writeFile(`${dest}.json`, JSON.stringify({ key, record: { ...record, dir: undefined } }, null, 1));
  return record;
}

/** The scale base: the generated corpus plus a fixed sample of the real-world corpora. */
async function scaleBase(real, quick) {
  const dir = path.join(CORPORA_DIR, 'scale-base');
  await fsp.rm(dir, { recursive: true, force: true });
  await fsp.mkdir(dir, { recursive: true });
  const list = [];
  for (const c of real) {
    if (c.error) continue;
    const files = await listFiles(c.dir);
    const every = c.id === 'generated' ? 1 : quick ? 1e9 : 200;
    for (const f of files) {
      if (!sampled(f, every)) continue;
      const target = `${c.id}/${f}`;
      await fsp.mkdir(path.dirname(path.join(dir, target)), { recursive: true });
      await fsp.copyFile(path.join(c.dir, f), path.join(dir, target));
      list.push(target);
    }
  }
  const record = await describe('scale-base', dir, list.sort(), {});
  return { ...record, list: list.sort() };
}

/** A module for the big-file inputs: the first files of a corpus in sorted order, up to ~500 lines. */
async function moduleOf(corpus, pattern) {
  if (!corpus || corpus.error) return null;
  const files = (await listFiles(corpus.dir, (r) => pattern.test(r))).filter((f) => sampled(f, 7));
  let text = '';
  for (const f of files) {
    const t = await fsp.readFile(path.join(corpus.dir, f), 'utf8');
    const n = countLines(t);
    if (n < 100 || n > 400) continue;
    text += (text ? '\n' : '') + t;
    if (countLines(text) >= 450) break;
  }
  return text || null;
}

/**
 * Set up every corpus. A corpus that cannot be set up is returned with `error` (reported),
 * and the others still run.
 */
export async function setupCorpora({ quick }) {
  await fsp.mkdir(CORPORA_DIR, { recursive: true });
  // redpen's walker honours .gitignore files up to the repository root, and bench/work is
  // git-ignored; a `.git` marker makes the corpora folder a root of its own, as a user's repo is.
  await fsp.mkdir(path.join(CORPORA_DIR, '.git'), { recursive: true });
  const real = [];
  for (const [id, f] of [['python-stdlib', () => pythonStdlib(quick)], ['npm-packages', () => npmPackages(quick)], ['generated', () => generated()]]) {
    log(`corpus ${id}`);
    try {
      real.push(await f());
    } catch (e) {
      real.push({ id, error: errMsg(e) });
    }
  }
  const scale = [];
  try {
    const base = await scaleBase(real, quick);
    for (const n of [1, 10, 100]) {
      log(`corpus scale-${n}x`);
      scale.push(await replicated(base, n));
    }
    const py = await moduleOf(real.find((c) => c.id === 'python-stdlib'), PY);
    const js = await moduleOf(real.find((c) => c.id === 'npm-packages'), JS);
    if (py && js) {
      for (const n of [1, 10, 100]) {
        log(`corpus bigfile-${n}x`);
        scale.push(await bigfile({ py, js }, n));
      }
    } else scale.push({ id: 'bigfile', error: 'needs both the Python and the npm corpus' });
  } catch (e) {
    scale.push({ id: 'scale', error: errMsg(e) });
  }
  return { real, scale };
}
