import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParser } from 'eventsource-parser';
import { createScanner } from '../../src/api.js';
import type { Scanner } from '../../src/core/scanner.js';
import { startGuard, type GuardServerOptions } from '../../src/guard/proxy.js';
import { guardText } from '../../src/guard/text.js';
import { chatChunks, chatCompletion, startUpstream, streamEvents, type Reply } from './upstream.js';

const INSECURE = 'Here is the helper:\n\n```python\nimport subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n```\n\nCall it with a command string.';
const SAFE = 'Use a list:\n\n```python\nimport subprocess\n\ndef run(args):\n    return subprocess.run(args, check=True)\n```\n';

let scanner: Scanner;
beforeAll(async () => {
  scanner = await createScanner();
});

async function withGuard(reply: Reply, options: Partial<GuardServerOptions>, body: (guard: string, up: Awaited<ReturnType<typeof startUpstream>>, logs: string[]) => Promise<void>) {
  const up = await startUpstream(reply);
  const logs: string[] = [];
  const guard = await startGuard({ upstream: up.url, port: 0, scanner, log: (l) => logs.push(l), ...options });
  try {
    await body(guard.url, up, logs);
  } finally {
    await guard.close();
    await up.close();
  }
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Read an SSE response: the data fields, and the text the chat deltas add up to. */
async function readSse(res: Response): Promise<{ events: string[]; text: string }> {
  const events: string[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e.data) });
  const decoder = new TextDecoder();
  for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(c, { stream: true }));
  let text = '';
  for (const e of events) {
    if (e === '[DONE]') continue;
    const j = JSON.parse(e) as { choices?: { delta?: { content?: string } }[] };
    text += j.choices?.[0]?.delta?.content ?? '';
  }
  return { events, text };
}

/** Split text into small pieces as a model streams tokens. */
function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('guardText (library)', () => {
  it('annotates a response whose code has a finding, with line, rule, CWE and fix', async () => {
    const r = await guardText(INSECURE, { scanner, policy: 'annotate' });
    expect(r.action).toBe('annotate');
    expect(r.findings.map((f) => f.rule)).toEqual(['python.subprocess-shell-true']);
    expect(r.findings[0]).toMatchObject({ line: 7, cwe: ['CWE-78'] });
    expect(r.text.startsWith(INSECURE)).toBe(true);
    expect(r.annotation).toContain('line 7 high python.subprocess-shell-true (CWE-78)');
    expect(r.annotation).toContain('Fix: Pass the program and its arguments as a list');
    expect(r.annotation).toMatchSnapshot();
  });

  it('passes safe code untouched and blocks at the threshold under the block policy', async () => {
    const safe = await guardText(SAFE, { scanner, policy: 'block' });
    expect(safe).toMatchObject({ action: 'pass', text: SAFE, findings: [] });
    expect((await guardText(INSECURE, { scanner, policy: 'block' })).action).toBe('block');
    // below the threshold the block policy annotates instead
    expect((await guardText(INSECURE, { scanner, policy: 'block', failOn: 'critical' })).action).toBe('annotate');
  });

  it('scans a bare-code response (completions) by its content', async () => {
    const r = await guardText('import subprocess\nsubprocess.call(cmd, shell=True)\n', { scanner });
    expect(r.hadCode).toBe(true);
    expect(r.findings.map((f) => f.line)).toEqual([2]);
  });
});

describe('redpen guard proxy', () => {
  it('listens on 127.0.0.1 by default', async () => {
    const up = await startUpstream((_r, res) => res.end());
    const guard = await startGuard({ upstream: up.url, port: 0, scanner, log: () => {} });
    try {
      expect(guard.host).toBe('127.0.0.1');
      expect(guard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await guard.close();
      await up.close();
    }
  });

  it('forwards other endpoints unchanged, with the client credentials, to the upstream only', async () => {
    const models = { object: 'list', data: [{ id: 'test-model', object: 'model' }] };
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(models)), {}, async (g, up) => {
      const res = await fetch(`${g}/v1/models`, { headers: { authorization: 'Bearer sk-client' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(models);
      expect(up.requests).toHaveLength(1);
      expect(up.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
      expect(up.requests[0].headers.authorization).toBe('Bearer sk-client');
    });
  });

  it('annotates a chat completion and leaves a safe one byte-identical', async () => {
    let content = INSECURE;
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(chatCompletion(content))), { policy: 'annotate' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'write it' }] });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-redpen-action')).toBe('annotate');
      const j = (await res.json()) as ReturnType<typeof chatCompletion>;
      expect(j.choices[0].message.content.startsWith(INSECURE)).toBe(true);
      expect(j.choices[0].message.content).toContain('python.subprocess-shell-true (CWE-78)');
      expect(j.usage.total_tokens).toBe(30);
      content = SAFE;
      const res2 = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(await res2.text()).toBe(JSON.stringify(chatCompletion(SAFE)));
    });
  });

  it('blocks a completion with an OpenAI-style error naming the findings', async () => {
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(chatCompletion(INSECURE))), { policy: 'block' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(422);
      const j = (await res.json()) as { error: { type: string; code: string; message: string; findings: { rule: string; line: number }[] } };
      expect(j.error).toMatchObject({ type: 'redpen_blocked', code: 'insecure_code' });
      expect(j.error.findings).toEqual([expect.objectContaining({ rule: 'python.subprocess-shell-true', line: 7 })]);
      expect(j.error.message).toContain('Fix: Pass the program');
    });
  });

  it('scans legacy completions (text field) too', async () => {
    const body = { id: 'c', object: 'text_completion', choices: [{ index: 0, text: 'import subprocess\nsubprocess.call(cmd, shell=True)\n', finish_reason: 'stop' }] };
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)), { policy: 'block' }, async (g) => {
      const res = await post(`${g}/v1/completions`, { model: 'm', prompt: 'import subprocess\n' });
      expect(res.status).toBe(422);
    });
  });

  it('annotates a streamed answer: content flows through, findings arrive before the finish', async () => {
    await withGuard((_r, res) => streamEvents(res, chatChunks(pieces(INSECURE))), { policy: 'annotate' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', stream: true, messages: [] });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const { events, text } = await readSse(res);
      expect(text.startsWith(INSECURE)).toBe(true);
      expect(text).toContain('redpen found 1 security problem(s)');
      expect(events[events.length - 1]).toBe('[DONE]');
      // the finish chunk comes after the annotation
      const finish = events.findIndex((e) => e.includes('"finish_reason":"stop"'));
      const note = events.findIndex((e) => e.includes('redpen found'));
      expect(note).toBeGreaterThan(0);
      expect(finish).toBeGreaterThan(note);
    });
  });

  it('blocks a streamed answer mid-stream: prose before the code arrives, the code never does', async () => {
    await withGuard((_r, res) => streamEvents(res, chatChunks(pieces(INSECURE, 5))), { policy: 'block' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', stream: true, messages: [] });
      const { events, text } = await readSse(res.clone());
      expect(text).toContain('Here is the helper:');
      expect(text).not.toContain('shell=True');
      const err = events.find((e) => e.includes('"error"'));
      expect(err).toBeDefined();
      expect(JSON.parse(err!).error).toMatchObject({ code: 'insecure_code' });
      expect(events[events.length - 1]).toBe('[DONE]');
    });
  });

  it('streams a safe answer in full under the block policy', async () => {
    await withGuard((_r, res) => streamEvents(res, chatChunks(pieces(SAFE, 4))), { policy: 'block' }, async (g) => {
      const { text, events } = await readSse(await post(`${g}/v1/chat/completions`, { model: 'm', stream: true, messages: [] }));
      expect(text).toBe(SAFE);
      expect(events.some((e) => e.includes('"error"'))).toBe(false);
    });
  });

  it('refuses a request body over the size bound without contacting the upstream', async () => {
    await withGuard((_r, res) => res.end('{}'), { maxRequestBytes: 1000 }, async (g, up) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
      expect(up.requests).toHaveLength(0);
    });
  });

  it('cuts off an upstream response over the size bound', async () => {
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(chatCompletion('y'.repeat(20_000)))), { maxResponseBytes: 4000 }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('response_too_large');
    });
  });

  it('times out a slow upstream with 504', async () => {
    await withGuard(() => {
      // never answers
    }, { timeoutMs: 150 }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(504);
    });
  });

  it('does not follow an upstream redirect, so credentials stay with the configured upstream', async () => {
    const other = await startUpstream((_r, res) => res.end('{}'));
    try {
      await withGuard((_r, res) => res.writeHead(307, { location: `${other.url}/chat/completions` }).end(), {}, async (g) => {
        const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] }, { authorization: 'Bearer sk-secret' });
        expect(res.status).toBe(502);
        expect(other.requests).toHaveLength(0);
      });
    } finally {
      await other.close();
    }
  });

  it('never logs prompts or code by default; --log-content opts in', async () => {
    const prompt = 'please write PROMPT-MARKER code';
    const reply: Reply = (_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(chatCompletion(INSECURE)));
    await withGuard(reply, { policy: 'annotate' }, async (g, _up, logs) => {
      await (await post(`${g}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: prompt }] }, { authorization: 'Bearer sk-secret' })).text();
      const all = logs.join('\n');
      expect(all).toContain('POST /v1/chat/completions 200');
      expect(all).toContain('rules=python.subprocess-shell-true');
      expect(all).not.toContain('PROMPT-MARKER');
      expect(all).not.toContain('shell=True');
      expect(all).not.toContain('sk-secret');
    });
    await withGuard(reply, { policy: 'annotate', logContent: true }, async (g, _up, logs) => {
      await (await post(`${g}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: prompt }] })).text();
      expect(logs.join('\n')).toContain('PROMPT-MARKER');
    });
  });

  it('sends the configured upstream key only when the client sends none', async () => {
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'), { upstreamApiKey: 'sk-upstream' }, async (g, up) => {
      await (await fetch(`${g}/v1/models`)).text();
      await (await fetch(`${g}/v1/models`, { headers: { authorization: 'Bearer sk-own' } })).text();
      expect(up.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-upstream', 'Bearer sk-own']);
    });
  });

  it('answers 404 outside /v1 without contacting the upstream', async () => {
    await withGuard((_r, res) => res.end('{}'), {}, async (g, up) => {
      expect((await fetch(`${g}/admin`)).status).toBe(404);
      expect(up.requests).toHaveLength(0);
    });
  });
});
