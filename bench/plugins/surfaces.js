/**
 * Benchmark plug-in: the agent-facing surfaces.
 *
 * - hook latency: `redpen hook claude` as an agent runs it (a new process per call), and the
 *   same judgement in-process on a warm scanner;
 * - the inference-time guard's added latency: the same chat completion fetched from a local
 *   OpenAI-compatible server directly and through `redpen guard` (JSON and streamed);
 * - the warm Scanner for embedding: start-up once, then per-snippet cost.
 *
 * Convention: `{ name, run(ctx) }` returning `{ markdown, json }`. Runs standalone too:
 * `node bench/plugins/surfaces.js` (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => import(path.join(ROOT, 'dist', p));

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function stats(values) {
  const r = (x) => Math.round(x * 100) / 100;
  return { n: values.length, p50: r(pct(values, 50)), p95: r(pct(values, 95)), p99: r(pct(values, 99)), max: r(Math.max(...values)) };
}

const FILE = 'import subprocess\n\n\ndef listing(path):\n    return subprocess.run(["ls", path])\n';
const BAD = '    return subprocess.run("ls " + path, shell=True)';

function hookEvent(dir) {
  return JSON.stringify({
    session_id: 'bench',
    hook_event_name: 'PreToolUse',
    cwd: dir,
    tool_name: 'Edit',
    tool_input: { file_path: path.join(dir, 'app.py'), old_string: '    return subprocess.run(["ls", path])', new_string: BAD },
  });
}

function runHookProcess(event) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'redpen.js'), 'hook', 'claude'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || !out.includes('"deny"')) reject(new Error(`hook answered ${code}: ${out}`));
      else resolve(performance.now() - t0);
    });
    child.stdin.end(event);
  });
}

const CONTENT = 'Here you go:\n\n```python\nimport subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n```\n';

function completion() {
  return JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: CONTENT }, finish_reason: 'stop' }] });
}

function chunks() {
  const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
  const out = [];
  for (let i = 0; i < CONTENT.length; i += 6) out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: CONTENT.slice(i, i + 6) }, finish_reason: null }] }));
  out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  out.push('[DONE]');
  return out;
}

async function startUpstream() {
  const body = completion();
  const events = chunks();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (JSON.parse(raw || '{}').stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const e of events) res.write(`data: ${e}\n\n`);
        res.end();
      } else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/v1`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

async function timeRequest(base, stream) {
  const t0 = performance.now();
  const res = await fetch(`${base}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', stream, messages: [] }) });
  await res.arrayBuffer();
  return performance.now() - t0;
}

export const name = 'surfaces';

export async function run(ctx = {}) {
  const quick = Boolean(ctx.quick);
  const { createScanner } = await dist('api.js');
  const { runHook } = await dist('hooks/index.js');
  const { startGuard } = await dist('guard/proxy.js');

  // warm scanner: start-up once, then per-snippet cost
  const t0 = performance.now();
  const scanner = await createScanner();
  const startupMs = performance.now() - t0;
  const snippet = `import subprocess\n${BAD.trim()}\n`;
  const first = performance.now();
  scanner.scanText('s.py', snippet);
  const firstMs = performance.now() - first;
  const perCall = [];
  for (let i = 0; i < (quick ? 200 : 2000); i++) {
    const s = performance.now();
    scanner.scanText('s.py', snippet);
    perCall.push(performance.now() - s);
  }

  // hooks
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-bench-hook-'));
  await fs.writeFile(path.join(dir, 'app.py'), FILE);
  const event = hookEvent(dir);
  const inProcess = [];
  for (let i = 0; i < (quick ? 100 : 1000); i++) {
    const s = performance.now();
    runHook('claude', event, { scanner });
    inProcess.push(performance.now() - s);
  }
  const processCalls = [];
  for (let i = 0; i < (quick ? 5 : 30); i++) processCalls.push(await runHookProcess(event));
  await fs.rm(dir, { recursive: true, force: true });

  // guard overhead
  const up = await startUpstream();
  const guard = await startGuard({ upstream: up.url, port: 0, scanner, policy: 'annotate', log: () => {} });
  const n = quick ? 50 : 300;
  const measure = async (base, stream) => {
    for (let i = 0; i < 10; i++) await timeRequest(base, stream); // warm-up
    const out = [];
    for (let i = 0; i < n; i++) out.push(await timeRequest(base, stream));
    return out;
  };
  const direct = await measure(up.url, false);
  const guarded = await measure(`${guard.url}/v1`, false);
  const directStream = await measure(up.url, true);
  const guardedStream = await measure(`${guard.url}/v1`, true);
  await guard.close();
  await up.close();

  const json = {
    scanner: { startupMs: Math.round(startupMs), firstCallMs: Math.round(firstMs * 100) / 100, perCallMs: stats(perCall) },
    hook: { processMs: stats(processCalls), inProcessMs: stats(inProcess) },
    guard: {
      json: { directMs: stats(direct), guardedMs: stats(guarded), addedP50Ms: Math.round((pct(guarded, 50) - pct(direct, 50)) * 100) / 100 },
      stream: { directMs: stats(directStream), guardedMs: stats(guardedStream), addedP50Ms: Math.round((pct(guardedStream, 50) - pct(directStream, 50)) * 100) / 100 },
    },
  };
  const row = (label, s) => `| ${label} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} |`;
  const markdown = [
    '## Agent surfaces',
    '',
    `Warm scanner (library / MCP / guard / in-process hook): start-up ${json.scanner.startupMs} ms once; first snippet ${json.scanner.firstCallMs} ms, then per snippet:`,
    '',
    '| measure | n | p50 ms | p95 ms | p99 ms |',
    '| --- | --- | --- | --- | --- |',
    row('scanText, 2-line snippet', json.scanner.perCallMs),
    row('hook: `redpen hook claude` process per call', json.hook.processMs),
    row('hook: judgement in-process (warm)', json.hook.inProcessMs),
    row('chat completion, direct', json.guard.json.directMs),
    row('chat completion, through the guard', json.guard.json.guardedMs),
    row('streamed completion, direct', json.guard.stream.directMs),
    row('streamed completion, through the guard', json.guard.stream.guardedMs),
    '',
    `Guard added latency (p50): ${json.guard.json.addedP50Ms} ms per JSON completion, ${json.guard.stream.addedP50Ms} ms per streamed completion (local upstream, policy annotate, a response with one finding).`,
    '',
  ].join('\n');
  return { markdown, json };
}

export default { name, run };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await run({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${r.markdown}\n`);
}
