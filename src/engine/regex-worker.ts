/**
 * Matching with V8's backtracking engine, in process or in the worker thread that
 * engine/regex.ts can stop. As a worker (started with `workerData.regexWorker`), it answers one
 * request at a time on its port and raises a flag in shared memory when the answer is posted,
 * so the caller can wait synchronously with a timeout. Nothing here imports the engine.
 */
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';

export interface RuleMatch {
  index: number;
  end: number;
  /** Numbered groups 1..n: [start, end] where they matched. */
  groups: ([number, number] | undefined)[];
  /** Named groups: [start, end] where they matched. */
  named: Record<string, [number, number] | undefined>;
}

export interface V8Request {
  source: string;
  flags: string;
  text: string;
  from: number;
  /** Most matches wanted (1 for a single search). */
  limit: number;
}

const compiled = new Map<string, RegExp>();

/** Matches of a JavaScript regex from `from` on, non-overlapping, at most `limit`. */
export function v8Matches(req: V8Request): RuleMatch[] {
  const key = `${req.flags}/${req.source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(req.source, [...new Set(`${req.flags}gd`)].join(''));
    compiled.set(key, re);
  }
  const out: RuleMatch[] = [];
  re.lastIndex = req.from;
  let m: RegExpExecArray | null;
  while (out.length < req.limit && (m = re.exec(req.text)) !== null) {
    const indices = m.indices!;
    const groups: RuleMatch['groups'] = [];
    for (let g = 1; g < m.length; g++) groups.push(indices[g] ? [indices[g]![0], indices[g]![1]] : undefined);
    const named: RuleMatch['named'] = {};
    for (const [name, at] of Object.entries(indices.groups ?? {})) named[name] = at ? [at[0], at[1]] : undefined;
    out.push({ index: m.index, end: m.index + m[0].length, groups, named });
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

export interface WorkerSetup {
  regexWorker: true;
  port: MessagePort;
  /** [0]: answer posted; [1]: ready. */
  flags: SharedArrayBuffer;
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.regexWorker) {
  const { port, flags } = workerData as WorkerSetup;
  const signal = new Int32Array(flags);
  port.on('message', (req: V8Request) => {
    let answer: { matches?: RuleMatch[]; error?: string };
    try {
      answer = { matches: v8Matches(req) };
    } catch (e) {
      answer = { error: (e as Error).message };
    }
    port.postMessage(answer);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
  Atomics.store(signal, 1, 1);
  Atomics.notify(signal, 1);
}
