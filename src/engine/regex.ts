/**
 * Rule regexes: pattern-regex, pattern-not-regex, metavariable-regex, re.match in
 * metavariable-comparison, fix-regex and `"=~/.../"` string patterns. They are text from a rule
 * file run on scanned text, so they must not be able to hang a scan (`(a+)+$` on 32 characters
 * runs for hours in a backtracking engine).
 *
 * Each regex runs on one of three engines, chosen once when it is compiled:
 * - `bounded`: V8, in process, for regexes without an unbounded quantifier (each attempt reads
 *   a bounded number of characters);
 * - `linear`: RE2 (re2js, a pure-JavaScript port: linear time in the input, whatever the
 *   regex), for everything RE2's syntax covers, inline flags like `(?i)` included;
 * - `stoppable`: V8 in a worker thread, for what only a backtracking engine can run
 *   (lookaround, backreferences). The caller waits synchronously with a timeout, and a regex
 *   that runs past the rule's time on the document is stopped (the worker is terminated and
 *   replaced) and reported as RegexTimeout: an error for that file and rule, never a hang.
 *
 * Invariant: every rule regex goes through RuleRegex; the time budget is per rule and document
 * (`startRegexBudget`, called by the Scanner before each rule).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RE2JS } from 're2js';
import { toJsRegex } from './pattern/compile.js';
import { mayBacktrack } from './redos.js';
import { v8Matches, type RuleMatch, type V8Request, type WorkerSetup } from './regex-worker.js';

export type { RuleMatch } from './regex-worker.js';

/** A rule regex ran past its time on a document and was stopped. */
export class RegexTimeout extends Error {}

/** Default time a rule's backtracking regexes may take on one document (Semgrep's per-rule timeout is 5 s too). */
export const DEFAULT_REGEX_TIMEOUT_MS = 5_000;

let budgetMs = DEFAULT_REGEX_TIMEOUT_MS;
let remainingMs = DEFAULT_REGEX_TIMEOUT_MS;

/** Give the next rule on the next document its time (ms) for backtracking regexes. */
export function startRegexBudget(ms = DEFAULT_REGEX_TIMEOUT_MS): void {
  budgetMs = ms;
  remainingMs = ms;
}

export interface RegexOptions {
  /** Extra JavaScript-style flags: i, m, s. */
  flags?: string;
  /** Match only at the start (Python's re.match, Semgrep's metavariable-regex). */
  anchored?: boolean;
}

export class RuleRegex {
  readonly engine: 'bounded' | 'linear' | 'stoppable';
  /** The JavaScript form (bounded and stoppable engines). */
  private readonly js: RegExp | null = null;
  private readonly re2: RE2JS | null = null;
  private readonly re2Names: Record<string, number> = {};

  private constructor(
    /** The regex as the rule wrote it. */
    readonly source: string,
    options: RegexOptions,
  ) {
    let jsError: unknown = null;
    try {
      const base = toJsRegex(source, options.flags ?? '');
      this.js = options.anchored ? new RegExp(`^(?:${base.source})`, base.flags) : base;
    } catch (e) {
      // RE2 may still read it (inline flags in the middle, `(?i:...)`)
      jsError = e;
    }
    if (this.js && !mayBacktrack(this.js.source)) {
      this.engine = 'bounded';
      return;
    }
    const re2 = toRe2(source, options);
    if (re2) {
      this.re2 = re2;
      this.re2Names = re2.namedGroups() as Record<string, number>;
      this.engine = 'linear';
    } else if (this.js) {
      this.engine = 'stoppable';
      stoppableCompiled = true;
    } else throw jsError;
  }

  /** Compile (throws when neither RE2 nor JavaScript can read it). */
  static compile(source: string, options: RegexOptions = {}): RuleRegex {
    return new RuleRegex(source, options);
  }

  /** Non-overlapping matches from `from` on, at most `limit`. */
  all(text: string, from = 0, limit = Infinity): RuleMatch[] {
    if (this.re2) return this.re2All(text, from, limit);
    const js = this.js!;
    const req: V8Request = { source: js.source, flags: js.flags, text, from, limit };
    return this.engine === 'bounded' ? v8Matches(req) : runStoppable(req, this.source);
  }

  /** The first match at or after `from`. */
  exec(text: string, from = 0): RuleMatch | null {
    return this.all(text, from, 1)[0] ?? null;
  }

  test(text: string): boolean {
    if (this.re2) return this.re2.test(text);
    return this.exec(text) !== null;
  }

  private re2All(text: string, from: number, limit: number): RuleMatch[] {
    const out: RuleMatch[] = [];
    const m = this.re2!.matcher(text);
    const n = m.groupCount();
    let at = from;
    while (out.length < limit && at <= text.length && m.find(at)) {
      const index = m.start();
      const end = m.end();
      const groups: RuleMatch['groups'] = [];
      for (let g = 1; g <= n; g++) groups.push(m.start(g) >= 0 ? [m.start(g), m.end(g)] : undefined);
      const named: RuleMatch['named'] = {};
      for (const [name, g] of Object.entries(this.re2Names)) named[name] = groups[g - 1];
      out.push({ index, end, groups, named });
      at = end > index ? end : end + 1;
    }
    return out;
  }
}

/**
 * The rule's regex for RE2, or null when RE2 cannot run it (lookaround, backreferences,
 * verbose mode). RE2 reads Semgrep's dialect directly: `(?P<n>...)`, inline flags, `\A`, `\z`.
 */
function toRe2(source: string, options: RegexOptions): RE2JS | null {
  let s = source.replace(/\\Z/g, '\\z');
  // possessive quantifiers and atomic groups: their greedy forms, as toJsRegex does
  s = s.replace(/([*+?}])\+/g, '$1').replace(/\(\?>/g, '(?:');
  if (options.anchored) s = `^(?:${s})`;
  let flags = 0;
  const f = options.flags ?? '';
  if (f.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (f.includes('m')) flags |= RE2JS.MULTILINE;
  if (f.includes('s')) flags |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(s, flags);
  } catch {
    return null;
  }
}

/* ---------------------------------------------------------------- the stoppable engine ---- */

interface Runner {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

let runner: Runner | null = null;
/** Whether a regex that needs the stoppable engine was compiled in this thread. */
let stoppableCompiled = false;

/** The compiled worker module (beside this one; from TypeScript sources, the built copy). */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./regex-worker.js', import.meta.url));
  if (fs.existsSync(beside)) return beside;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'engine', 'regex-worker.js');
}

function spawn(): Runner {
  const { port1, port2 } = new MessageChannel();
  const flags = new SharedArrayBuffer(8);
  const signal = new Int32Array(flags);
  const setup: WorkerSetup = { regexWorker: true, port: port2, flags };
  const worker = new Worker(workerFile(), { workerData: setup, transferList: [port2] });
  port1.unref();
  return { worker, port: port1, signal };
}

/** Once it has started, the worker is never what keeps the process alive. */
function started(r: Runner): void {
  r.worker.unref();
}

/**
 * Start the worker while the caller has other work to await (a Scanner loading grammars),
 * when a compiled rule needs it: the first stoppable regex then does not wait for it to start.
 */
export async function warmRegexWorker(): Promise<void> {
  if (!stoppableCompiled || runner) return;
  const r = (runner = spawn());
  // Atomics.waitAsync is in Node 16+, not yet in TypeScript's ES2022 library
  const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: Promise<string> | string } }).waitAsync;
  // referenced while it starts: an await with nothing else pending would let the process end
  await waitAsync(r.signal, 1, 0, 30_000).value;
  started(r);
}

function runStoppable(req: V8Request, source: string): RuleMatch[] {
  if (remainingMs <= 0) throw timeout(source);
  runner ??= spawn();
  const r = runner;
  // a worker that takes this long to start is not going to answer
  if (Atomics.wait(r.signal, 1, 0, 30_000) === 'timed-out') {
    void r.worker.terminate();
    runner = null;
    throw new RegexTimeout('the regex worker did not start');
  }
  started(r);
  Atomics.store(r.signal, 0, 0);
  const t0 = performance.now();
  r.port.postMessage(req);
  const waited = Atomics.wait(r.signal, 0, 0, remainingMs);
  remainingMs -= performance.now() - t0;
  if (waited === 'timed-out') {
    // the only way to stop a running regex: end its thread (a fresh one starts on demand)
    void r.worker.terminate();
    r.port.close();
    runner = null;
    remainingMs = 0;
    throw timeout(source);
  }
  const answer = receiveMessageOnPort(r.port)?.message as { matches?: RuleMatch[]; error?: string } | undefined;
  if (!answer || answer.error !== undefined || !answer.matches) throw new Error(`regex /${source}/ failed: ${answer?.error ?? 'no answer'}`);
  return answer.matches;
}

function timeout(source: string): RegexTimeout {
  const shown = source.length > 80 ? `${source.slice(0, 77)}...` : source;
  return new RegexTimeout(`regex /${shown}/ ran past the ${budgetMs} ms it may take per rule and file (it backtracks: see the load warning); stopped`);
}
