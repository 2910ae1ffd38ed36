/**
 * `redpen guard`: an OpenAI-compatible HTTP proxy in front of a model server (OpenAI, vLLM,
 * Ollama, llama.cpp). Requests under /v1 go to the configured upstream unchanged; the code in
 * chat/completions and completions responses is scanned and, per policy, passed, annotated or
 * blocked, streamed (SSE) responses included.
 *
 * Security invariants:
 * - Listens on 127.0.0.1 unless told otherwise.
 * - Request bodies over `maxRequestBytes` are refused (413) before the upstream sees them;
 *   upstream bodies over `maxResponseBytes` are cut off (502 or a stream error event).
 * - An upstream that sends no headers within `timeoutMs`, or goes quiet that long mid-body,
 *   is abandoned (504 or a stream error event).
 * - Credentials the client sends go to the configured upstream only: redirects are never
 *   followed (a redirect would carry the Authorization header elsewhere).
 * - Prompts, responses and code are never logged unless `logContent` is set; the default log
 *   line holds the method, path, status, timing and rule ids.
 *
 * Streaming under `block`: text outside code fences flows through as it arrives; from an
 * opening fence on, chunks are held until the block closes and is scanned, then released or
 * replaced by an error event. Under `annotate`, findings are sent as one extra content chunk
 * just before the chunk that finishes the choice.
 */
import http from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Scanner } from '../core/scanner.js';
import type { Severity } from '../core/types.js';
import { createScanner, type ScanOptions } from '../api.js';
import { annotationFor, blockMessage, checkText, type GuardPolicy, type GuardResult } from './text.js';

export interface GuardServerOptions {
  /** The base URL clients would otherwise use, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  upstream: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  policy?: GuardPolicy;
  failOn?: Severity;
  severity?: Severity;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  timeoutMs?: number;
  /** Sent as `Authorization: Bearer` to the upstream when the client sends no Authorization. */
  upstreamApiKey?: string;
  /** Log prompts, responses and code (off by default). */
  logContent?: boolean;
  log?: (line: string) => void;
  scanner?: Scanner;
  scan?: ScanOptions;
}

export interface GuardServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  maxRequestBytes: 4 * 1024 * 1024,
  maxResponseBytes: 16 * 1024 * 1024,
  timeoutMs: 120_000,
};

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);

class TooLarge extends Error {}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new TooLarge(`request body of ${declared} bytes is over the ${limit}-byte limit`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new TooLarge(`request body is over the ${limit}-byte limit`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(message: string, type: string, code: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type, code, param: null, ...extra } };
}

/** Which kind of generation a path is, if any: `/chat/completions` or `/completions`. */
function generationKind(path: string): 'chat' | 'completion' | null {
  let p = path.split('?')[0];
  // trailing slashes trimmed by hand: `/\/+$/` rescans a long run of them from every start
  while (p.endsWith('/')) p = p.slice(0, -1);
  if (p.endsWith('/chat/completions')) return 'chat';
  if (p.endsWith('/completions')) return 'completion';
  return null;
}

type Choice = { index?: number; message?: { content?: unknown }; delta?: { content?: unknown }; text?: unknown; finish_reason?: unknown };

function contentOf(c: Choice, kind: 'chat' | 'completion', streaming: boolean): string | null {
  const v = kind === 'chat' ? (streaming ? c.delta?.content : c.message?.content) : c.text;
  return typeof v === 'string' ? v : null;
}

function setContent(c: Choice, kind: 'chat' | 'completion', value: string): void {
  if (kind === 'chat') (c.message ??= {}).content = value;
  else c.text = value;
}

/** Tracks whether a streamed choice is inside a code fence, line by line. */
class FenceTracker {
  private partial = '';
  private fence: string | null = null;
  /** Whether some fence closed since the last `take()`. */
  closed = false;

  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      const m = /^ {0,3}(`{3,}|~{3,})([\s\S]*)$/.exec(line);
      if (!m) continue;
      if (this.fence === null) this.fence = m[1];
      else if (m[1][0] === this.fence[0] && m[1].length >= this.fence.length && m[2].trim() === '') {
        this.fence = null;
        this.closed = true;
      }
    }
  }

  /** Inside a block, or on a line that may be opening one. */
  get holding(): boolean {
    return this.fence !== null || /^ {0,3}(`|~)/.test(this.partial);
  }

  take(): boolean {
    const c = this.closed;
    this.closed = false;
    return c;
  }
}

export async function startGuard(o: GuardServerOptions): Promise<GuardServer> {
  let upstream: URL;
  try {
    upstream = new URL(o.upstream);
  } catch {
    throw new Error(`--upstream must be a URL such as http://127.0.0.1:11434/v1 (got ${o.upstream})`);
  }
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new Error('--upstream must be an http or https URL');
  const base = upstream.href.replace(/\/+$/, '');
  const policy = o.policy ?? 'annotate';
  const maxReq = o.maxRequestBytes ?? DEFAULTS.maxRequestBytes;
  const maxRes = o.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const timeoutMs = o.timeoutMs ?? DEFAULTS.timeoutMs;
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const scanner = o.scanner ?? (await createScanner(o.scan ?? {}));
  const judge = (text: string): GuardResult => checkText(scanner, text, { policy, failOn: o.failOn, severity: o.severity });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`redpen guard: internal error: ${(e as Error).message}`);
      sendJson(res, 500, errorBody('redpen guard failed on this request', 'redpen_error', 'internal'));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const line = (status: number, extra = '') => log(`${method} ${path.split('?')[0]} ${status} ${Math.round(performance.now() - started)}ms${extra}`);
    if (path !== '/v1' && !path.startsWith('/v1/') && !path.startsWith('/v1?')) {
      sendJson(res, 404, errorBody('redpen guard serves the OpenAI-compatible API under /v1', 'invalid_request_error', 'not_found'));
      line(404);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxReq);
    } catch (e) {
      if (e instanceof TooLarge) {
        sendJson(res, 413, errorBody(e.message, 'invalid_request_error', 'request_too_large'));
        line(413);
        return;
      }
      throw e;
    }
    const target = base + path.slice(3);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k.toLowerCase())) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    // scanned bodies must arrive uncompressed
    headers['accept-encoding'] = 'identity';
    if (!headers.authorization && o.upstreamApiKey) headers.authorization = `Bearer ${o.upstreamApiKey}`;

    const kind = method === 'POST' ? generationKind(path) : null;
    let wantsStream = false;
    if (kind) {
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { stream?: unknown };
        wantsStream = parsed.stream === true;
      } catch {
        // not JSON: the upstream will say so
      }
      if (o.logContent) log(`request ${path}: ${body.toString('utf8')}`);
    }

    const abort = new AbortController();
    let timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutMs);
    };
    res.on('close', () => {
      if (!res.writableEnded) abort.abort(new Error('client went away'));
    });
    let up: Response;
    try {
      up = await fetch(target, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, redirect: 'manual', signal: abort.signal });
    } catch (e) {
      clearTimeout(timer);
      const timedOut = abort.signal.aborted && String((abort.signal.reason as Error)?.message) === 'timeout';
      sendJson(res, timedOut ? 504 : 502, errorBody(timedOut ? `upstream sent no response within ${timeoutMs} ms` : `cannot reach the upstream: ${(e as Error).message}`, 'redpen_upstream_error', timedOut ? 'upstream_timeout' : 'upstream_unreachable'));
      line(timedOut ? 504 : 502);
      return;
    }
    if (up.status >= 300 && up.status < 400) {
      clearTimeout(timer);
      await up.body?.cancel();
      sendJson(res, 502, errorBody('the upstream answered with a redirect; redpen guard does not follow redirects, so credentials reach only the configured upstream', 'redpen_upstream_error', 'upstream_redirect'));
      line(502);
      return;
    }
    const outHeaders: Record<string, string> = {};
    up.headers.forEach((v, k) => {
      if (!HOP_BY_HOP.has(k) && k !== 'content-encoding') outHeaders[k] = v;
    });
    const isSse = (up.headers.get('content-type') ?? '').includes('text/event-stream');
    try {
      if (kind && up.ok && isSse && wantsStream) {
        const n = await relayStream(up, res, outHeaders, kind, touch, judge);
        line(up.status, n);
      } else if (kind && up.ok && !isSse) {
        const n = await relayJson(up, res, outHeaders, kind, touch, judge);
        line(n.status, n.extra);
      } else {
        await relayRaw(up, res, outHeaders, touch);
        line(up.status);
      }
    } catch (e) {
      const timedOut = String((abort.signal.reason as Error)?.message) === 'timeout';
      const msg = e instanceof TooLarge ? e.message : timedOut ? `upstream went quiet for ${timeoutMs} ms` : `upstream failed: ${(e as Error).message}`;
      if (!res.headersSent) sendJson(res, e instanceof TooLarge ? 502 : timedOut ? 504 : 502, errorBody(msg, 'redpen_upstream_error', e instanceof TooLarge ? 'response_too_large' : timedOut ? 'upstream_timeout' : 'upstream_error'));
      else if (isSse) res.end(`data: ${JSON.stringify(errorBody(msg, 'redpen_upstream_error', 'upstream_error'))}\n\n`);
      else res.destroy();
      line(502, ` error=${e instanceof TooLarge ? 'too-large' : timedOut ? 'timeout' : 'upstream'}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async function* chunks(up: Response, touch: () => void): AsyncGenerator<Uint8Array> {
    if (!up.body) return;
    let size = 0;
    for await (const c of up.body as unknown as AsyncIterable<Uint8Array>) {
      touch();
      size += c.length;
      if (size > maxRes) throw new TooLarge(`upstream response is over the ${maxRes}-byte limit`);
      yield c;
    }
  }

  async function relayRaw(up: Response, res: http.ServerResponse, headers: Record<string, string>, touch: () => void): Promise<void> {
    res.writeHead(up.status, headers);
    for await (const c of chunks(up, touch)) res.write(c);
    res.end();
  }

  function findingsSuffix(results: GuardResult[]): string {
    const all = results.flatMap((r) => r.findings);
    if (all.length === 0) return ' findings=0';
    const action = results.some((r) => r.action === 'block') ? 'block' : results.some((r) => r.action === 'annotate') ? 'annotate' : 'pass';
    return ` findings=${all.length} action=${action} rules=${[...new Set(all.map((f) => f.rule))].join(',')}`;
  }

  async function relayJson(up: Response, res: http.ServerResponse, headers: Record<string, string>, kind: 'chat' | 'completion', touch: () => void, judgeText: (t: string) => GuardResult): Promise<{ status: number; extra: string }> {
    const parts: Uint8Array[] = [];
    for await (const c of chunks(up, touch)) parts.push(c);
    const raw = Buffer.concat(parts);
    let data: { choices?: Choice[] };
    try {
      data = JSON.parse(raw.toString('utf8')) as { choices?: Choice[] };
    } catch {
      res.writeHead(up.status, headers);
      res.end(raw);
      return { status: up.status, extra: ' body=not-json' };
    }
    const results: GuardResult[] = [];
    for (const c of data.choices ?? []) {
      const text = contentOf(c, kind, false);
      if (text === null) continue;
      if (o.logContent) log(`response choice ${c.index ?? 0}: ${text}`);
      const r = judgeText(text);
      results.push(r);
      if (r.action === 'annotate') setContent(c, kind, r.text);
    }
    const blocked = results.filter((r) => r.action === 'block');
    if (blocked.length > 0) {
      const blocking = blocked.flatMap((r) => r.blocking);
      sendJson(res, 422, errorBody(blockMessage({ blocking, findings: blocking }), 'redpen_blocked', 'insecure_code', { findings: blocking }), { 'x-redpen-action': 'block' });
      return { status: 422, extra: findingsSuffix(results) };
    }
    const changed = results.some((r) => r.action === 'annotate');
    const out = changed ? Buffer.from(JSON.stringify(data)) : raw;
    const count = results.reduce((n, r) => n + r.findings.length, 0);
    res.writeHead(up.status, { ...headers, 'content-length': String(out.length), 'x-redpen-findings': String(count), 'x-redpen-action': changed ? 'annotate' : 'pass' });
    res.end(out);
    return { status: up.status, extra: findingsSuffix(results) };
  }

  async function relayStream(up: Response, res: http.ServerResponse, headers: Record<string, string>, kind: 'chat' | 'completion', touch: () => void, judgeText: (t: string) => GuardResult): Promise<string> {
    res.writeHead(up.status, headers);
    const text = new Map<number, string>();
    const fences = new Map<number, FenceTracker>();
    const results = new Map<number, GuardResult>();
    const judgedAt = new Map<number, number>();
    let held: string[] = [];
    let blocked = false;
    let last: Record<string, unknown> | null = null;

    const emit = (s: string) => {
      if (held.length > 0 || anyHolding()) held.push(s);
      else res.write(s);
    };
    const anyHolding = () => policy === 'block' && [...fences.values()].some((f) => f.holding);
    const frame = (ev: EventSourceMessage) => `${ev.event ? `event: ${ev.event}\n` : ''}${ev.id ? `id: ${ev.id}\n` : ''}data: ${ev.data}\n\n`;
    const release = () => {
      for (const s of held) res.write(s);
      held = [];
    };
    const block = (r: GuardResult) => {
      blocked = true;
      held = [];
      res.write(`data: ${JSON.stringify(errorBody(blockMessage(r), 'redpen_blocked', 'insecure_code', { findings: r.blocking }))}\n\n`);
      res.write('data: [DONE]\n\n');
      res.end();
    };
    /** Scan a choice's text so far; true when the stream was blocked. */
    const fresh = (i: number): GuardResult => {
      const t = text.get(i) ?? '';
      const prev = results.get(i);
      if (prev && judgedAt.get(i) === t.length) return prev;
      const r = judgeText(t);
      results.set(i, r);
      judgedAt.set(i, t.length);
      return r;
    };
    const judgeChoice = (i: number): boolean => {
      const r = fresh(i);
      if (r.action === 'block') {
        block(r);
        return true;
      }
      return false;
    };
    const annotationChunk = (i: number, annotation: string): string => {
      const base = last ?? {};
      const choice = kind === 'chat' ? { index: i, delta: { content: annotation }, finish_reason: null } : { index: i, text: annotation, finish_reason: null };
      return `data: ${JSON.stringify({ ...base, choices: [choice] })}\n\n`;
    };

    const onEvent = (ev: EventSourceMessage) => {
      if (blocked) return;
      if (ev.data.trim() === '[DONE]') {
        finish();
        if (!blocked) emit(frame(ev));
        return;
      }
      let chunk: { choices?: Choice[] } & Record<string, unknown>;
      try {
        chunk = JSON.parse(ev.data) as typeof chunk;
      } catch {
        emit(frame(ev));
        return;
      }
      last = { ...chunk };
      delete last.choices;
      delete last.usage;
      const finishing: Choice[] = [];
      for (const c of chunk.choices ?? []) {
        const i = c.index ?? 0;
        const piece = contentOf(c, kind, true);
        if (piece !== null) {
          text.set(i, (text.get(i) ?? '') + piece);
          let f = fences.get(i);
          if (!f) fences.set(i, (f = new FenceTracker()));
          f.push(piece);
        }
        if (c.finish_reason !== null && c.finish_reason !== undefined) finishing.push(c);
      }
      if (o.logContent) log(`stream chunk: ${ev.data}`);
      if (policy === 'block') {
        for (const [i, f] of fences) if (f.take() && judgeChoice(i)) return;
      }
      if (finishing.length === 0 || policy === 'pass') {
        emit(frame(ev));
        if (!anyHolding() && held.length > 0) release();
        return;
      }
      // a choice finishes: its text is complete; judge it and put the annotation before the finish
      for (const c of finishing) {
        const i = c.index ?? 0;
        const f = fences.get(i);
        if (f && policy === 'block' && f.holding && judgeChoice(i)) return;
      }
      const annotations: string[] = [];
      for (const c of finishing) {
        const i = c.index ?? 0;
        const r = fresh(i);
        if (r.action === 'block') {
          block(r);
          return;
        }
        if (r.annotation) {
          annotations.push(annotationChunk(i, r.annotation));
          results.set(i, { ...r, annotation: null });
        }
      }
      release();
      if (annotations.length > 0) {
        // the content of the finishing chunk goes out first, the annotation next, the finish last
        const content = { ...chunk, choices: (chunk.choices ?? []).map((c) => ({ ...c, finish_reason: null })) };
        const fin = { ...chunk, choices: (chunk.choices ?? []).map((c) => ({ ...c, ...(kind === 'chat' ? { delta: {} } : { text: '' }) })) };
        res.write(`data: ${JSON.stringify(content)}\n\n`);
        for (const a of annotations) res.write(a);
        res.write(`data: ${JSON.stringify(fin)}\n\n`);
      } else res.write(frame(ev));
    };
    const finish = () => {
      // the stream ended: judge whatever is still held (an unclosed block)
      if (policy === 'block') for (const i of text.keys()) if (judgeChoice(i)) return;
      if (!blocked) release();
    };

    const parser = createParser({ onEvent });
    const decoder = new TextDecoder();
    for await (const c of chunks(up, touch)) {
      parser.feed(decoder.decode(c, { stream: true }));
      if (blocked) break;
    }
    if (!blocked) {
      finish();
      res.end();
    }
    const all = [...text.keys()].map((i) => (blocked ? (results.get(i) ?? fresh(i)) : fresh(i)));
    return findingsSuffix(all) + (blocked ? ' blocked-mid-stream' : '');
  }

  const host = o.host ?? DEFAULTS.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? DEFAULTS.port, host, () => resolve());
  });
  server.requestTimeout = timeoutMs * 2;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (o.port ?? DEFAULTS.port);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export { annotationFor };
