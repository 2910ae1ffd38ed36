/**
 * The guard on OpenAI's Responses API (`POST /v1/responses`): an answer is a list of output
 * items: messages (`output_text` parts) and tool items (function calls, custom tool input,
 * code interpreter code, shell commands, patches). The text and the tools' code are judged
 * together, like a chat choice with its tool calls.
 *
 * Policies on a stream (events `response.output_text.delta`, ..., `response.completed`):
 * - pass: events flow through; judged at the end for the log.
 * - annotate: events flow through; the terminal event (`response.completed`, `.incomplete`,
 *   `.failed`) is held until the answer is judged, and findings arrive as one more message
 *   item (its events, then the terminal event listing it in `output`).
 * - block: every event is held until the answer is complete and judged (an item is only
 *   usable whole), then released, or replaced by an `error` event: the code never arrives.
 * Held events are bounded by the proxy's response size limit.
 */
import type http from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { blockMessage, type GuardPolicy, type GuardResult } from './text.js';
import type { ToolCall } from './tools.js';
import { errorBody, findingsSuffix, sendJson } from './wire.js';

type Item = Record<string, unknown> & { type?: unknown; id?: unknown; name?: unknown; content?: unknown };
type Judge = (text: string, calls: ToolCall[]) => GuardResult;

/** Items whose fields carry code the model wrote for a tool to run or apply. */
const TOOL_ITEMS = new Set(['function_call', 'custom_tool_call', 'code_interpreter_call', 'local_shell_call', 'shell_call', 'apply_patch_call', 'mcp_call']);
/** Fields of tool items that hold what a tool returned, not what the model wrote. */
const RESULT_FIELDS = new Set(['output', 'outputs', 'results', 'error']);

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const ANNOTATION_ID = 'msg_redpen_findings';

/** The answer's text (its output_text parts) and its tool calls. */
export function answerOf(output: unknown): { text: string; calls: ToolCall[] } {
  const texts: string[] = [];
  const calls: ToolCall[] = [];
  for (const item of Array.isArray(output) ? (output as Item[]) : []) {
    if (!item || typeof item !== 'object') continue;
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const p of item.content as { type?: unknown; text?: unknown }[]) if (p?.type === 'output_text' && typeof p.text === 'string') texts.push(p.text);
    } else if (typeof item.type === 'string' && TOOL_ITEMS.has(item.type)) {
      const fields = Object.fromEntries(Object.entries(item).filter(([k]) => !RESULT_FIELDS.has(k)));
      calls.push({ name: typeof item.name === 'string' ? item.name : item.type, arguments: fields });
    }
  }
  return { text: texts.join('\n\n'), calls };
}

function annotationItem(annotation: string): Item {
  return { type: 'message', id: ANNOTATION_ID, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: annotation.replace(/^\n+/, ''), annotations: [] }] };
}

export async function relayResponsesJson(raw: Buffer, res: http.ServerResponse, status: number, headers: Record<string, string>, judge: Judge, log: ((l: string) => void) | null): Promise<{ status: number; extra: string }> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
  } catch {
    sendJson(res, 502, errorBody('the upstream answer is not valid JSON (cut off?); redpen guard could not scan it', 'redpen_upstream_error', 'upstream_invalid_body'));
    return { status: 502, extra: ' error=invalid-body' };
  }
  const { text, calls } = answerOf(data.output);
  if (log) log(`response: ${text}${calls.length ? ` tool calls: ${JSON.stringify(calls)}` : ''}`);
  const r = judge(text, calls);
  if (r.action === 'block') {
    sendJson(res, 422, errorBody(blockMessage(r), 'redpen_blocked', 'insecure_code', { findings: r.blocking }), { 'x-redpen-action': 'block' });
    return { status: 422, extra: findingsSuffix([r]) };
  }
  let out = raw;
  if (r.action === 'annotate' && r.annotation) {
    (data.output as Item[]).push(annotationItem(r.annotation));
    if (typeof data.output_text === 'string') data.output_text += r.annotation;
    out = Buffer.from(JSON.stringify(data));
  }
  res.writeHead(status, { ...headers, 'content-length': String(out.length), 'x-redpen-findings': String(r.findings.length), 'x-redpen-action': r.action === 'annotate' ? 'annotate' : 'pass' });
  res.end(out);
  return { status, extra: findingsSuffix([r]) };
}

export async function relayResponsesStream(body: AsyncIterable<Uint8Array>, res: http.ServerResponse, status: number, headers: Record<string, string>, policy: GuardPolicy, judge: Judge, log: ((l: string) => void) | null): Promise<string> {
  res.writeHead(status, headers);
  const held: string[] = [];
  let terminal: { type: string; data: Record<string, unknown> } | null = null;
  let seq = -1;
  // what the stream said so far, to judge a stream that ends without a terminal event
  const items = new Map<number, Item>();
  const deltas = new Map<string, string>();

  const frame = (ev: EventSourceMessage) => `${ev.event ? `event: ${ev.event}\n` : ''}${ev.id ? `id: ${ev.id}\n` : ''}data: ${ev.data}\n\n`;
  const onEvent = (ev: EventSourceMessage) => {
    let data: Record<string, unknown> | null = null;
    try {
      data = JSON.parse(ev.data) as Record<string, unknown>;
    } catch {
      // not JSON: passed on as it is
    }
    const type = typeof data?.type === 'string' ? data.type : (ev.event ?? '');
    if (data && typeof data.sequence_number === 'number') seq = Math.max(seq, data.sequence_number);
    if (data) {
      const index = typeof data.output_index === 'number' ? data.output_index : -1;
      if ((type === 'response.output_item.added' || type === 'response.output_item.done') && data.item && typeof data.item === 'object') items.set(index, data.item as Item);
      else if (type.endsWith('.delta') && typeof data.delta === 'string' && typeof data.item_id === 'string') deltas.set(`${type}\u0000${data.item_id}`, (deltas.get(`${type}\u0000${data.item_id}`) ?? '') + data.delta);
    }
    if (data && TERMINAL.has(type)) {
      terminal = { type, data };
      return;
    }
    if (policy === 'block') held.push(frame(ev));
    else res.write(frame(ev));
  };
  const parser = createParser({ onEvent });
  const decoder = new TextDecoder();
  for await (const c of body) parser.feed(decoder.decode(c, { stream: true }));

  const term = terminal as { type: string; data: Record<string, unknown> } | null;
  const response = term?.data.response as Record<string, unknown> | undefined;
  const output = Array.isArray(response?.output) ? response.output : reconstruct(items, deltas);
  const { text, calls } = answerOf(output);
  // content is logged whole, once: a token streamed a few characters an event hides only whole
  if (log) log(`response (streamed): ${text}${calls.length ? ` tool calls: ${JSON.stringify(calls)}` : ''}`);
  const r = judge(text, calls);
  if (r.action === 'block') {
    const err = { type: 'error', code: 'insecure_code', message: blockMessage(r), param: null, findings: r.blocking, ...(seq >= 0 ? { sequence_number: seq + 1 } : {}) };
    res.end(`event: error\ndata: ${JSON.stringify(err)}\n\n`);
    return findingsSuffix([r]) + ' blocked';
  }
  for (const f of held) res.write(f);
  if (r.action === 'annotate' && r.annotation) {
    const item = annotationItem(r.annotation);
    const part = (item.content as unknown[])[0] as { text: string };
    const index = Array.isArray(response?.output) ? response.output.length : items.size;
    const base = { item_id: ANNOTATION_ID, output_index: index, content_index: 0 };
    const events: Record<string, unknown>[] = [
      { type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', ...base, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', ...base, delta: part.text },
      { type: 'response.output_text.done', ...base, text: part.text },
      { type: 'response.content_part.done', ...base, part: { type: 'output_text', text: part.text, annotations: [] } },
      { type: 'response.output_item.done', output_index: index, item },
    ];
    for (const e of events) res.write(`event: ${e.type as string}\ndata: ${JSON.stringify(seq >= 0 ? { ...e, sequence_number: ++seq } : e)}\n\n`);
    if (term && Array.isArray(response?.output)) {
      response.output.push(item);
      if (typeof term.data.sequence_number === 'number') term.data.sequence_number = ++seq;
    }
  }
  if (term) res.write(`event: ${term.type}\ndata: ${JSON.stringify(term.data)}\n\n`);
  res.end();
  return findingsSuffix([r]);
}

/** The output items of a stream that ended without its terminal event. */
function reconstruct(items: Map<number, Item>, deltas: Map<string, string>): Item[] {
  const out: Item[] = [];
  for (const [, item] of [...items].sort((a, b) => a[0] - b[0])) {
    const id = typeof item.id === 'string' ? item.id : '';
    const delta = (type: string) => deltas.get(`${type}\u0000${id}`);
    if (item.type === 'message' && (!Array.isArray(item.content) || item.content.length === 0)) {
      const t = delta('response.output_text.delta');
      out.push(t === undefined ? item : { ...item, content: [{ type: 'output_text', text: t }] });
    } else if (item.type === 'function_call' && typeof item.arguments !== 'string') out.push({ ...item, arguments: delta('response.function_call_arguments.delta') ?? '' });
    else if (item.type === 'custom_tool_call' && typeof item.input !== 'string') out.push({ ...item, input: delta('response.custom_tool_call_input.delta') ?? '' });
    else if (item.type === 'code_interpreter_call' && typeof item.code !== 'string') out.push({ ...item, code: delta('response.code_interpreter_call_code.delta') ?? '' });
    else out.push(item);
  }
  return out;
}
