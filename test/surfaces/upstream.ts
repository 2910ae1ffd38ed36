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
