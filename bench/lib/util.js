/**
 * Small helpers shared by the benchmark: running commands with wall time and peak memory,
 * statistics, hashing, logging. No timing here is ever asserted; it is only reported.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const WORK_DIR = path.join(BENCH_DIR, 'work');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export function cores() {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

const t0 = performance.now();
export function log(...args) {
  const s = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${args.join(' ')}\n`);
}

/** Process groups of the commands running now, so an interrupted benchmark leaves none behind. */
const active = new Set();

export function stopAll() {
  for (const pid of active) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  active.clear();
}

export const TIME_BIN = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Run a command and collect its output. `timeoutMs` kills it (the result says so). With
 * `measure`, peak RSS and CPU time (user + system) come from /usr/bin/time when present, so
 * they cover the whole child process. CPU time is reported beside wall time because it is
 * less disturbed by other load on the machine.
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    let rssFile = null;
    let file = cmd;
    let argv = args;
    if (opts.measure && TIME_BIN) {
      rssFile = path.join(os.tmpdir(), `redpen-bench-rss-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      file = TIME_BIN;
      argv = ['-f', '%M %U %S', '-o', rssFile, cmd, ...args];
    }
    const started = performance.now();
    let child;
    try {
      child = spawn(file, argv, {
        // its own process group, so a timeout ends the tool and not only /usr/bin/time
        detached: true,
        cwd: opts.cwd,
        env: { ...process.env, ...(opts.env ?? {}) },
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : 'pipe', 'pipe'],
      });
    } catch (e) {
      resolve({ code: -1, stdout: '', stderr: String(e?.message ?? e), ms: 0, error: String(e?.message ?? e) });
      return;
    }
    if (child.pid) active.add(child.pid);
    const out = [];
    const err = [];
    let outLen = 0;
    const cap = opts.maxOutput ?? 64 * 1024 * 1024;
    child.stdout?.on('data', (d) => {
      if (outLen < cap) out.push(d);
      outLen += d.length;
    });
    child.stderr.on('data', (d) => {
      if (err.reduce((a, b) => a + b.length, 0) < 1024 * 1024) err.push(d);
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, opts.timeoutMs)
      : null;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      resolve({ code: -1, stdout: '', stderr: String(e.message), ms: performance.now() - started, error: e.message });
    });
    child.on('close', (code, signal) => {
      active.delete(child.pid);
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      let maxRssKB = null;
      let cpuMs = null;
      if (rssFile) {
        try {
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          const [rss, user, sys] = lines[lines.length - 1].split(' ').map(Number);
          if (Number.isFinite(rss)) maxRssKB = rss;
          if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
          fs.rmSync(rssFile, { force: true });
        } catch {
          // no measurement: reported as unknown
        }
      }
      resolve({
        code: code ?? -1,
        signal,
        timedOut,
        ms,
        maxRssKB,
        cpuMs,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile of already collected samples. */
export function percentile(xs, p) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/** Median with min-max spread of repeated measurements. */
export function summarize(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  if (!s.length) return null;
  return { median: median(s), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

export function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** A stable hash of a file tree's paths and contents (pins a corpus in the report). */
export async function treeHash(dir, files) {
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(f);
    h.update('\0');
    h.update(await fsp.readFile(path.join(dir, f)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export function countLines(text) {
  if (!text.length) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Files below `dir` (relative, '/' separated, sorted), optionally filtered. */
export async function listFiles(dir, filter = () => true) {
  const out = [];
  const walk = async (d, rel) => {
    let entries;
    try {
      entries = await fsp.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(d, e.name), r);
      else if (e.isFile() && filter(r)) out.push(r);
    }
  };
  await walk(dir, '');
  return out.sort();
}

export async function readJson(file, fallback = null) {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch {
    return fallback;
  }
}

export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function errMsg(e) {
  return String(e?.message ?? e).split('\n')[0].slice(0, 300);
}

/** The last lines of a command's stderr, for a failure reason in the report. */
export function tail(text, n = 3) {
  return text.trim().split('\n').slice(-n).join(' | ').slice(0, 400);
}
