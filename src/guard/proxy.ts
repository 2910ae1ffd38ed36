/**
 * `redpen guard`: an OpenAI-compatible HTTP proxy in front of a model server (OpenAI, vLLM,
 * Ollama, llama.cpp). Requests under /v1 go to the configured upstream unchanged; the code in
 * chat/completions, completions and responses answers (text and tool-call arguments) is
 * scanned and, per policy, passed, annotated or blocked, streamed (SSE) answers included.
 *
 * Security invariants:
 * - Listens on 127.0.0.1 unless told otherwise.
 * - Request bodies over `maxRequestBytes` are refused (413, with a body the client receives)
 *   before the upstream sees them; upstream bodies over `maxResponseBytes` are cut off (502 or
 *   a stream error event).
 * - A generation answer redpen cannot read (not JSON, cut off) is an error (502), never
 *   delivered unscanned.
 * - An upstream that sends no headers within `timeoutMs`, or goes quiet that long mid-body,
 *   is abandoned (504 or a stream error event).
 * - Credentials the client sends go to the configured upstream only: redirects are never
 *   followed (a redirect would carry the Authorization header elsewhere).
 * - Prompts, responses and code are never logged unless `logContent` is set, and then with
 *   provider-format tokens and key bodies hidden (secrets/redact.ts); the default log line
 *   holds the method, path, status, timing and rule ids.
 *
 * Streaming under `block`: text outside code fences flows through as it arrives; from an
 * opening fence on, chunks are held until the block closes and is scanned, then released or
 * replaced by an error event. Tool-call arguments are held until the choice finishes (a tool
 * call is only usable whole). Under `annotate`, findings are sent as one extra content chunk
 * just before the chunk that finishes the choice. Responses API streams: src/guard/responses.ts.
 */
import http from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Scanner } from '../core/scanner.js';
import type { Severity } from '../core/types.js';
import { createScanner, type ScanOptions } from '../api.js';
import { defaultSecretKey } from '../secrets/key.js';
import { Redaction } from '../secrets/redact.js';
import { relayResponsesJson, relayResponsesStream } from './responses.js';
import { annotationFor, blockMessage, decide, findCode, type GuardPolicy, type GuardResult } from './text.js';
import { toolFindings, type ToolCall } from './tools.js';
import { errorBody, findingsSuffix, sendJson } from './wire.js';

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

const DRAIN_BYTES = 16 * 1024 * 1024;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Read a request body up to `limit` bytes. Over it, the rest is read and discarded so the
 * client finishes sending and reads the 413 (a reset connection would be all it saw); a client
 * that sends more than DRAIN_BYTES after that is cut off (the server's request timeout bounds
 * the time).
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const overflow = (message: string) => {
      reject(new TooLarge(message));
      req.removeAllListeners('data');
      let drained = 0;
      req.on('data', (c: Buffer) => {
        drained += c.length;
        if (drained > Math.max(4 * limit, DRAIN_BYTES)) req.socket.destroy();
      });
      req.resume();
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      overflow(`request body of ${declared} bytes is over the ${limit}-byte limit`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        overflow(`request body is over the ${limit}-byte limit`);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Which kind of generation a path is, if any: `/chat/completions`, `/completions` or `/responses`. */
function generationKind(path: string): 'chat' | 'completion' | 'responses' | null {
  let p = path.split('?')[0];
  // trailing slashes trimmed by hand: `/\/+$/` rescans a long run of them from every start
  while (p.endsWith('/')) p = p.slice(0, -1);
  if (p.endsWith('/chat/completions')) return 'chat';
  if (p.endsWith('/completions')) return 'completion';
  if (p.endsWith('/responses')) return 'responses';
  return null;
}

type FunctionCall = { name?: unknown; arguments?: unknown };
type ToolCallDelta = { index?: number; function?: FunctionCall };
type Message = { content?: unknown; tool_calls?: ToolCallDelta[]; function_call?: FunctionCall };
type Choice = { index?: number; message?: Message; delta?: Message; text?: unknown; finish_reason?: unknown };

/** The tool calls of a whole chat message (non-streamed). */
function toolCallsOf(m: Message | undefined): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const t of Array.isArray(m?.tool_calls) ? m.tool_calls : []) calls.push({ name: String(t?.function?.name ?? ''), arguments: t?.function?.arguments });
  if (m?.function_call) calls.push({ name: String(m.function_call.name ?? ''), arguments: m.function_call.arguments });
  return calls;
}

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
  // logged content is text redpen did not scan as a document: formats only
  const hide = new Redaction(defaultSecretKey());
  const scanner = o.scanner ?? (await createScanner(o.scan ?? {}));
  const guardOptions = { policy, failOn: o.failOn, severity: o.severity };
  /** One decision on an answer: its text and the code in its tool calls. */
  const judge = (text: string, calls: ToolCall[] = []): GuardResult => {
    const a = findCode(scanner, text);
    const b = calls.length ? toolFindings(scanner, calls) : { findings: [], hadCode: false };
    return decide([...a.findings, ...b.findings], text, a.hadCode || b.hadCode, guardOptions);
  };

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
        sendJson(res, 413, errorBody(e.message, 'invalid_request_error', 'request_too_large'), { connection: 'close' });
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
    if (kind && o.logContent) log(`request ${path}: ${hide.text(body.toString('utf8'))}`);

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
      if (kind === 'responses' && up.ok) {
        const n = isSse
          ? { status: up.status, extra: await relayResponsesStream(chunks(up, touch), res, up.status, outHeaders, policy, judge, o.logContent ? (l: string) => log(hide.text(l)) : null) }
          : await relayResponsesJson(await readAll(up, touch), res, up.status, outHeaders, judge, o.logContent ? (l: string) => log(hide.text(l)) : null);
        line(n.status, n.extra);
      } else if (kind && kind !== 'responses' && up.ok && isSse) {
        // scanned as a stream whether or not the request asked for one: the answer decides
        const n = await relayStream(up, res, outHeaders, kind, touch, judge);
        line(up.status, n);
      } else if (kind && kind !== 'responses' && up.ok && !isSse) {
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

  async function readAll(up: Response, touch: () => void): Promise<Buffer> {
    const parts: Uint8Array[] = [];
    for await (const c of chunks(up, touch)) parts.push(c);
    return Buffer.concat(parts);
  }

  async function relayRaw(up: Response, res: http.ServerResponse, headers: Record<string, string>, touch: () => void): Promise<void> {
    res.writeHead(up.status, headers);
    for await (const c of chunks(up, touch)) res.write(c);
    res.end();
  }

  async function relayJson(up: Response, res: http.ServerResponse, headers: Record<string, string>, kind: 'chat' | 'completion', touch: () => void, judgeText: typeof judge): Promise<{ status: number; extra: string }> {
    const raw = await readAll(up, touch);
    let data: { choices?: Choice[] };
    try {
      data = JSON.parse(raw.toString('utf8')) as { choices?: Choice[] };
      if (!data || typeof data !== 'object') throw new Error('not an object');
    } catch {
      // cut off or not JSON: it cannot be scanned, so it is not delivered
      sendJson(res, 502, errorBody('the upstream answer is not valid JSON (cut off?); redpen guard could not scan it', 'redpen_upstream_error', 'upstream_invalid_body'));
      return { status: 502, extra: ' error=invalid-body' };
    }
    const results: GuardResult[] = [];
    for (const c of Array.isArray(data.choices) ? data.choices : []) {
      const text = contentOf(c, kind, false);
      const calls = kind === 'chat' ? toolCallsOf(c.message) : [];
      if (text === null && calls.length === 0) continue;
      if (o.logContent) log(`response choice ${c.index ?? 0}: ${hide.text(text ?? '')}${calls.length ? ` tool calls: ${hide.text(JSON.stringify(calls))}` : ''}`);
      const r = judgeText(text ?? '', calls);
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

  async function relayStream(up: Response, res: http.ServerResponse, headers: Record<string, string>, kind: 'chat' | 'completion', touch: () => void, judgeText: typeof judge): Promise<string> {
    res.writeHead(up.status, headers);
    const text = new Map<number, string>();
    // tool calls per choice, by tool index (-1: the older function_call), arguments as they arrive
    const tools = new Map<number, Map<number, { name: string; args: string }>>();
    const toolsOpen = new Set<number>();
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
    const anyHolding = () => policy === 'block' && (toolsOpen.size > 0 || [...fences.values()].some((f) => f.holding));
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
    /** Judge a choice's text so far, with its tool calls once they are complete. */
    const fresh = (i: number): GuardResult => {
      const t = text.get(i) ?? '';
      const calls: ToolCall[] = toolsOpen.has(i) ? [] : [...(tools.get(i)?.values() ?? [])].map((c) => ({ name: c.name, arguments: c.args }));
      const size = t.length + calls.reduce((n, c) => n + String(c.arguments).length + 1, 0);
      const prev = results.get(i);
      if (prev && judgedAt.get(i) === size) return prev;
      const r = judgeText(t, calls);
      results.set(i, r);
      judgedAt.set(i, size);
      return r;
    };
    const addToolDelta = (i: number, idx: number, f: FunctionCall | undefined) => {
      let m = tools.get(i);
      if (!m) tools.set(i, (m = new Map()));
      const cur = m.get(idx) ?? { name: '', args: '' };
      if (typeof f?.name === 'string' && !cur.name) cur.name = f.name;
      if (typeof f?.arguments === 'string') cur.args += f.arguments;
      m.set(idx, cur);
      toolsOpen.add(i);
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
        if (kind === 'chat') {
          for (const t of Array.isArray(c.delta?.tool_calls) ? c.delta.tool_calls : []) addToolDelta(i, typeof t?.index === 'number' ? t.index : 0, t?.function);
          if (c.delta?.function_call) addToolDelta(i, -1, c.delta.function_call);
        }
        if (c.finish_reason !== null && c.finish_reason !== undefined) {
          finishing.push(c);
          toolsOpen.delete(i);
        }
      }
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
    const choices = () => [...new Set([...text.keys(), ...tools.keys()])];
    const finish = () => {
      // the stream ended: judge whatever is still held (an unclosed block, unfinished tool calls)
      toolsOpen.clear();
      if (policy === 'block') for (const i of choices()) if (judgeChoice(i)) return;
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
    toolsOpen.clear();
    const all = choices().map((i) => (blocked ? (results.get(i) ?? fresh(i)) : fresh(i)));
    // content is logged whole, once: a token streamed a few characters a chunk hides only whole
    if (o.logContent) for (const [i, t] of text) log(`response choice ${i} (streamed): ${hide.text(t)}`);
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
