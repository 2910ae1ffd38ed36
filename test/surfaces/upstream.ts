/**
 * A local OpenAI-compatible model server for the guard's tests: real HTTP, answers recorded in
 * the shapes OpenAI, vLLM, Ollama and llama.cpp send (JSON and server-sent events).
 */
import http from 'node:http';

export interface Recorded {
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  url: string;
  close(): Promise<void>;
}

export type Reply = (req: { url: string; body: unknown }, res: http.ServerResponse) => unknown;

export async function startUpstream(reply: Reply): Promise<Recorded> {
  const requests: Recorded['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(body);
      } catch {
        // not JSON
      }
      void reply({ url: req.url ?? '', body: parsed }, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    requests,
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** A chat completion as OpenAI returns it. */
export function chatCompletion(content: string) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  };
}

/** Chat completion chunks as OpenAI streams them: role first, content pieces, a finish chunk, [DONE]. */
export function chatChunks(pieces: string[]): string[] {
  const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'test-model' };
  const out = [JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
  for (const p of pieces) out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] }));
  out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  out.push('[DONE]');
  return out;
}

/** Write SSE events one by one with a pause between them, as a model server does. */
export async function streamEvents(res: http.ServerResponse, events: string[], delayMs = 2): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) {
    if (res.destroyed) return;
    res.write(`data: ${e}\n\n`);
    await new Promise((r) => setTimeout(r, delayMs));
  }
  res.end();
}

/** A chat completion whose answer is a tool call, as OpenAI returns it (arguments: a JSON string). */
export function chatToolCall(name: string, args: unknown) {
  return {
    id: 'chatcmpl-2',
    object: 'chat.completion',
    created: 1700000000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }] }, finish_reason: 'tool_calls' }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  };
}

/** A streamed tool call as OpenAI sends it: id and name first, the arguments string in pieces, finish `tool_calls`. */
export function chatToolChunks(name: string, argPieces: string[]): string[] {
  const base = { id: 'chatcmpl-2', object: 'chat.completion.chunk', created: 1700000000, model: 'test-model' };
  const out = [JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name, arguments: '' } }] }, finish_reason: null }] })];
  for (const p of argPieces) out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: p } }] }, finish_reason: null }] }));
  out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }));
  out.push('[DONE]');
  return out;
}

type ResponseItem = Record<string, unknown>;

/** A Responses API answer (`POST /v1/responses`, not streamed). */
export function responseObject(output: ResponseItem[]) {
  return { id: 'resp_1', object: 'response', created_at: 1700000000, status: 'completed', model: 'test-model', output, usage: { input_tokens: 10, output_tokens: 20, total_tokens: 30 } };
}

export const messageItem = (text: string, id = 'msg_1'): ResponseItem => ({ id, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
export const functionCallItem = (name: string, args: unknown, id = 'fc_1'): ResponseItem => ({ id, type: 'function_call', status: 'completed', call_id: 'call_1', name, arguments: JSON.stringify(args) });

/**
 * A Responses API stream as OpenAI sends it: `event:` lines with typed data, one
 * `sequence_number` per event, text and arguments in deltas, `response.completed` last.
 */
export function responseEvents(items: ResponseItem[], pieceSize = 9): { event: string; data: string }[] {
  const events: Record<string, unknown>[] = [{ type: 'response.created', response: { ...responseObject([]), status: 'in_progress' } }];
  items.forEach((item, index) => {
    if (item.type === 'message') {
      const text = ((item.content as { text: string }[])[0]).text;
      const ids = { item_id: item.id, output_index: index, content_index: 0 };
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      events.push({ type: 'response.content_part.added', ...ids, part: { type: 'output_text', text: '', annotations: [] } });
      for (let i = 0; i < text.length; i += pieceSize) events.push({ type: 'response.output_text.delta', ...ids, delta: text.slice(i, i + pieceSize) });
      events.push({ type: 'response.output_text.done', ...ids, text });
      events.push({ type: 'response.content_part.done', ...ids, part: { type: 'output_text', text, annotations: [] } });
    } else {
      const args = String(item.arguments ?? '');
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (let i = 0; i < args.length; i += pieceSize) events.push({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: index, delta: args.slice(i, i + pieceSize) });
      events.push({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, arguments: args });
    }
    events.push({ type: 'response.output_item.done', output_index: index, item });
  });
  events.push({ type: 'response.completed', response: responseObject(items) });
  return events.map((e, i) => ({ event: e.type as string, data: JSON.stringify({ ...e, sequence_number: i }) }));
}

/** Write typed SSE events (`event:` and `data:` lines) one by one, as the Responses API does. */
export async function streamTyped(res: http.ServerResponse, events: { event: string; data: string }[], delayMs = 1): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) {
    if (res.destroyed) return;
    res.write(`event: ${e.event}\ndata: ${e.data}\n\n`);
    await new Promise((r) => setTimeout(r, delayMs));
  }
  res.end();
}
