/**
 * Hardening of the surfaces where redpen meets input that is not code: the scanned
 * repository's git configuration, agents' hook events, and the guard proxy's traffic
 * (issue 13, items 14, 19, 20, 21). The MCP server's items are in surfaces-mcp.test.ts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParser } from 'eventsource-parser';
import { createScanner, loadRules } from '../../src/api.js';
import type { Rule } from '../../src/core/rule.js';
import type { Scanner } from '../../src/core/scanner.js';
import { scanChanges } from '../../src/changes/git.js';
import { startGuard, type GuardServerOptions } from '../../src/guard/proxy.js';
import { runHook } from '../../src/hooks/index.js';
import { compactFinding, explainRule } from '../../src/surfaces/compact.js';
import { ruleInfo } from '../../src/engine/rules/compile.js';
import { guardText } from '../../src/guard/text.js';
import { scanHistory } from '../../src/secrets/history.js';
import { chatChunks, chatCompletion, chatToolCall, chatToolChunks, functionCallItem, messageItem, responseEvents, responseObject, startUpstream, streamEvents, streamTyped, type Reply } from '../surfaces/upstream.js';

const run = promisify(execFile);
const TOKEN = `ghp_${'x7Kq9mWb2ZrT4nVc8LpYd3HsF6gJ1aE5uR0o'}`;

describe('git: the scanned repository cannot make redpen run programs', () => {
  let dir: string;
  let marks: string;
  let rules: Rule[];
  const git = (...args: string[]) => run('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const fired = () => fs.readdirSync(marks);

  beforeAll(async () => {
    rules = (await loadRules()).rules;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-poisoned-'));
    marks = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-marks-'));
    // every program the repository names leaves a marker file when run
    const tool = (name: string) => {
      const file = path.join(marks, `..${name}.sh`);
      fs.writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\ncat "$@" 2>/dev/null\nexit 0\n`, { mode: 0o755 });
      return file;
    };
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.email', 't@example.com');
    await git('config', 'user.name', 'T');
    fs.writeFileSync(path.join(dir, '.gitattributes'), '* diff=evil filter=evil\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'import os\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'nothing\n');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    // the commit adding a token looks signed, so log.showSignature would call gpg.program
    fs.writeFileSync(path.join(dir, 'settings.py'), `GITHUB_TOKEN = "${TOKEN}"\n`);
    await git('add', '.');
    const tree = (await git('write-tree')).stdout.trim();
    const parent = (await git('rev-parse', 'HEAD')).stdout.trim();
    const commit = `tree ${tree}\nparent ${parent}\nauthor T <t@example.com> 1700000000 +0000\ncommitter T <t@example.com> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsettings\n`;
    const file = path.join(marks, '..commit');
    fs.writeFileSync(file, commit);
    const sha = (await git('hash-object', '-t', 'commit', '-w', file)).stdout.trim();
    await git('update-ref', 'HEAD', sha);
    // the poison: a received repository's .git/config
    const cfg: [string, string][] = [
      ['diff.evil.textconv', tool('textconv')],
      ['diff.evil.command', tool('diff-command')],
      ['diff.external', tool('diff-external')],
      ['filter.evil.clean', tool('clean')],
      ['filter.evil.smudge', tool('smudge')],
      ['core.fsmonitor', tool('fsmonitor')],
      ['core.pager', tool('pager')],
      ['log.showSignature', 'true'],
      ['gpg.program', tool('gpg')],
      ['core.hooksPath', path.join(marks, 'hooks')],
    ];
    for (const [k, v] of cfg) await git('config', k, v);
    fs.mkdirSync(path.join(marks, 'hooks'));
    for (const h of ['post-index-change', 'post-checkout', 'reference-transaction']) fs.copyFileSync(tool(`hook-${h}`), path.join(marks, 'hooks', h));
    // a change in the working tree and the index, so --staged and --diff have work
    fs.appendFileSync(path.join(dir, 'app.py'), 'os.system("rm -rf " + input())\n');
    await git('-c', 'core.fsmonitor=false', '-c', 'filter.evil.clean=', 'add', 'app.py');
    fs.appendFileSync(path.join(dir, 'notes.txt'), 'more\n');
    for (const f of fs.readdirSync(marks)) if (!f.startsWith('..') && f !== 'hooks') fs.rmSync(path.join(marks, f));
    expect(fired()).toEqual(['..clean.sh', '..commit', '..diff-command.sh', '..diff-external.sh', '..fsmonitor.sh', '..gpg.sh', '..hook-post-checkout.sh', '..hook-post-index-change.sh', '..hook-reference-transaction.sh', '..pager.sh', '..smudge.sh', '..textconv.sh', 'hooks']);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(marks, { recursive: true, force: true });
  });

  const markers = () => fired().filter((f) => !f.startsWith('..') && f !== 'hooks');

  it('the poison is live: plain git runs the configured programs', async () => {
    await git('log', '-p', '-1');
    await git('diff', 'HEAD');
    expect(markers()).toEqual(expect.arrayContaining(['textconv', 'gpg', 'clean', 'fsmonitor']));
    for (const f of markers()) fs.rmSync(path.join(marks, f));
  });

  it('secrets --history finds the token and runs nothing the repository configured', async () => {
    const env = { ...process.env };
    // the caller's environment cannot re-enable them either
    process.env.GIT_EXTERNAL_DIFF = path.join(marks, '..diff-external.sh');
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'core.pager';
    process.env.GIT_CONFIG_VALUE_0 = path.join(marks, '..pager.sh');
    process.env.GIT_PAGER = path.join(marks, '..pager.sh');
    try {
      const h = await scanHistory({ cwd: dir });
      expect(h.errors).toEqual([]);
      expect(h.commits).toBe(2);
      const found = h.results.flatMap((r) => r.findings);
      expect(found.map((f) => [f.location.path, f.location.start.line])).toEqual([['settings.py', 1]]);
    } finally {
      process.env = env;
    }
    expect(markers()).toEqual([]);
  });

  it('scan --staged and --diff judge the change and run nothing the repository configured', async () => {
    const staged = await scanChanges({ mode: 'staged', cwd: dir, rules, detectors: { secrets: true } });
    expect(staged.findings.map((f) => f.location.path)).toContain('app.py');
    const diff = await scanChanges({ mode: 'diff', base: 'HEAD', cwd: dir, rules, detectors: { secrets: true } });
    expect(diff.findings.map((f) => f.location.path)).toContain('app.py');
    expect(markers()).toEqual([]);
  });

  it('a base revision that reads as an option is refused', async () => {
    await expect(scanChanges({ mode: 'diff', base: `--output=${path.join(marks, 'written')}`, cwd: dir, rules, detectors: {} })).rejects.toThrow(/not a revision/);
    const h = await scanHistory({ cwd: dir, range: `--output=${path.join(marks, 'written')}` });
    expect(h.errors[0].message).toMatch(/not a revision/);
    expect(markers()).toEqual([]);
  });
});

describe('git: one way to run it', () => {
  it('no module but src/changes/run-git.ts starts git itself', () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith(path.join('changes', 'run-git.ts'))) {
          if (/\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"`]git['"`]/.test(fs.readFileSync(p, 'utf8'))) offenders.push(p);
        }
      }
    };
    walk(path.join(import.meta.dirname, '..', '..', 'src'));
    expect(offenders).toEqual([]);
  });
});

// ---- the guard proxy (item 19) ----

// the function's name marks the code: no message or annotation names it
const MARK = 'deploy_7f3a';
const SHELL_CODE = `import subprocess\n\n\ndef ${MARK}(cmd):\n    return subprocess.run(cmd, shell=True)\n`;
const SAFE_CODE = 'import subprocess\n\n\ndef run(args):\n    return subprocess.run(args, check=True)\n';
const FENCED = (code: string) => `Here it is:\n\n\`\`\`python\n${code}\`\`\`\n`;

let scanner: Scanner;
async function warm(): Promise<Scanner> {
  return (scanner ??= await createScanner());
}

async function withGuard(reply: Reply, options: Partial<GuardServerOptions>, body: (guard: string, up: Awaited<ReturnType<typeof startUpstream>>, logs: string[]) => Promise<void>) {
  const up = await startUpstream(reply);
  const logs: string[] = [];
  const guard = await startGuard({ upstream: up.url, port: 0, scanner: await warm(), log: (l) => logs.push(l), ...options });
  try {
    await body(guard.url, up, logs);
  } finally {
    await guard.close();
    await up.close();
  }
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const json = (res: http.ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Every SSE event of a response: its data, parsed when JSON. */
async function events(res: Response): Promise<{ event?: string; data: string }[]> {
  const out: { event?: string; data: string }[] = [];
  const parser = createParser({ onEvent: (e) => out.push({ event: e.event, data: e.data }) });
  const decoder = new TextDecoder();
  for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(c, { stream: true }));
  return out;
}

describe('guard: guardText', () => {
  it('withholds the code under block: the text is the block message', async () => {
    const r = await guardText(FENCED(SHELL_CODE), { scanner: await warm(), policy: 'block' });
    expect(r.action).toBe('block');
    expect(r.text).not.toContain(MARK);
    expect(r.text).toMatch(/^redpen blocked this response/);
  });
});

describe('guard: code in tool calls', () => {
  const WRITE = { path: 'tools/run.py', content: SHELL_CODE };

  it('blocks a chat tool call writing insecure code, and logs it', async () => {
    await withGuard((_r, res) => json(res, chatToolCall('write_file', WRITE)), { policy: 'block' }, async (g, _up, logs) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('insecure_code');
      expect(body.error.message).toContain('tool call write_file (tools/run.py), line 5');
      expect(JSON.stringify(body)).not.toContain(MARK);
      expect(logs.join('\n')).toMatch(/POST \/v1\/chat\/completions 422 .*findings=1 action=block rules=python\.subprocess-shell-true/);
    });
  });

  it('annotates it under annotate, and passes a safe one unchanged', async () => {
    await withGuard((_r, res) => json(res, chatToolCall('write_file', WRITE)), { policy: 'annotate' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as ReturnType<typeof chatToolCall>;
      expect(body.choices[0].message.tool_calls[0].function.arguments).toBe(JSON.stringify(WRITE));
      expect(String(body.choices[0].message.content)).toContain('tool call write_file (tools/run.py), line 5 high python.subprocess-shell-true');
    });
    const safe = chatToolCall('write_file', { path: 'tools/run.py', content: SAFE_CODE });
    await withGuard((_r, res) => json(res, safe), { policy: 'block' }, async (g) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(safe);
    });
  });

  it('scans code given as a command, a patch or a nested JSON string', async () => {
    const patch = ['*** Begin Patch', '*** Add File: app/run.py', ...SHELL_CODE.trimEnd().split('\n').map((l) => `+${l}`), '*** End Patch'].join('\n');
    for (const args of [{ command: SHELL_CODE }, { input: patch }, { edits: [{ old_string: 'x', new_string: SHELL_CODE }], file_path: 'a.py' }]) {
      await withGuard((_r, res) => json(res, chatToolCall('tool', args)), { policy: 'block' }, async (g) => {
        expect((await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] })).status).toBe(422);
      });
    }
    // what the model replaces is not code it writes
    await withGuard((_r, res) => json(res, chatToolCall('edit', { file_path: 'a.py', old_string: SHELL_CODE, new_string: SAFE_CODE })), { policy: 'block' }, async (g) => {
      expect((await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] })).status).toBe(200);
    });
  });

  it('blocks a streamed tool call: the arguments never arrive', async () => {
    const args = JSON.stringify(WRITE);
    const pieces: string[] = [];
    for (let i = 0; i < args.length; i += 6) pieces.push(args.slice(i, i + 6));
    await withGuard((_r, res) => void streamEvents(res, chatToolChunks('write_file', pieces)), { policy: 'block' }, async (g, _up, logs) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [], stream: true });
      const got = await events(res);
      const sent = got.map((e) => e.data).join('');
      expect(sent).toContain('insecure_code');
      expect(sent).not.toContain(MARK);
      expect(logs.join('\n')).toMatch(/findings=1 action=block rules=python\.subprocess-shell-true blocked-mid-stream/);
    });
  });
});

describe('guard: a stream the request did not ask for', () => {
  it('is scanned all the same', async () => {
    await withGuard((_r, res) => void streamEvents(res, chatChunks([FENCED(SHELL_CODE)])), { policy: 'block' }, async (g) => {
      const got = await events(await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] }));
      expect(got.map((e) => e.data).join('')).not.toContain(MARK);
      expect(got.map((e) => e.data).join('')).toContain('insecure_code');
    });
  });
});

describe('guard: the Responses API', () => {
  it('blocks insecure code in a message or a function call (not streamed), passes safe answers', async () => {
    for (const output of [[messageItem(FENCED(SHELL_CODE))], [messageItem('Writing it.'), functionCallItem('write_file', { path: 'run.py', content: SHELL_CODE })]]) {
      await withGuard((_r, res) => json(res, responseObject(output)), { policy: 'block' }, async (g, _up, logs) => {
        const res = await post(`${g}/v1/responses`, { model: 'm', input: 'write it' });
        expect(res.status).toBe(422);
        expect(JSON.stringify(await res.json())).not.toContain(MARK);
        expect(logs.join('\n')).toMatch(/POST \/v1\/responses 422 .*action=block/);
      });
    }
    const safe = responseObject([messageItem(FENCED(SAFE_CODE))]);
    await withGuard((_r, res) => json(res, safe), { policy: 'block' }, async (g) => {
      const res = await post(`${g}/v1/responses`, { model: 'm', input: 'x' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(safe);
    });
  });

  it('annotates with one more message item', async () => {
    await withGuard((_r, res) => json(res, responseObject([messageItem(FENCED(SHELL_CODE))])), { policy: 'annotate' }, async (g) => {
      const body = (await (await post(`${g}/v1/responses`, { model: 'm', input: 'x' })).json()) as { output: { type: string; content: { text: string }[] }[] };
      expect(body.output).toHaveLength(2);
      expect(body.output[1].content[0].text).toMatch(/^---\nredpen found 1 security problem/);
    });
  });

  it('blocks a streamed answer: no event carries the code', async () => {
    const items = [messageItem('Sure.'), functionCallItem('write_file', { path: 'run.py', content: SHELL_CODE })];
    await withGuard((_r, res) => void streamTyped(res, responseEvents(items)), { policy: 'block' }, async (g, _up, logs) => {
      const got = await events(await post(`${g}/v1/responses`, { model: 'm', input: 'x', stream: true }));
      expect(got.map((e) => e.data).join('')).not.toContain(MARK);
      expect(got.at(-1)).toMatchObject({ event: 'error' });
      expect(JSON.parse(got.at(-1)!.data)).toMatchObject({ type: 'error', code: 'insecure_code' });
      expect(logs.join('\n')).toMatch(/POST \/v1\/responses 200 .*action=block/);
    });
  });

  it('streams a safe answer whole, and annotates an insecure one before response.completed', async () => {
    const safe = responseEvents([messageItem(FENCED(SAFE_CODE))]);
    await withGuard((_r, res) => void streamTyped(res, safe), { policy: 'block' }, async (g) => {
      const got = await events(await post(`${g}/v1/responses`, { model: 'm', input: 'x', stream: true }));
      expect(got.map((e) => e.data)).toEqual(safe.map((e) => e.data));
    });
    await withGuard((_r, res) => void streamTyped(res, responseEvents([messageItem(FENCED(SHELL_CODE))])), { policy: 'annotate' }, async (g) => {
      const got = await events(await post(`${g}/v1/responses`, { model: 'm', input: 'x', stream: true }));
      const types = got.map((e) => e.event);
      expect(types.at(-1)).toBe('response.completed');
      const done = JSON.parse(got.at(-1)!.data) as { response: { output: { content: { text: string }[] }[] } };
      expect(done.response.output).toHaveLength(2);
      expect(done.response.output[1].content[0].text).toContain('python.subprocess-shell-true');
      const delta = got.find((e) => e.event === 'response.output_text.delta' && e.data.includes('redpen found'));
      expect(delta).toBeDefined();
      const seqs = got.map((e) => (JSON.parse(e.data) as { sequence_number: number }).sequence_number);
      expect(new Set(seqs).size).toBe(seqs.length);
    });
  });
});

describe('guard: bodies it cannot read are errors', () => {
  it('a cut-off upstream JSON answer is a 502, not delivered', async () => {
    const whole = JSON.stringify(chatCompletion(FENCED(SHELL_CODE)));
    await withGuard((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(whole.slice(0, whole.indexOf(MARK) + 4)), { policy: 'block' }, async (g, _up, logs) => {
      const res = await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upstream_invalid_body');
      expect(logs.join('\n')).toMatch(/502 .*error=invalid-body/);
    });
    // the connection dropped before the declared length
    await withGuard((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(whole.length) });
      res.write(whole.slice(0, 100));
      setTimeout(() => res.destroy(), 20);
    }, { policy: 'block' }, async (g) => {
      expect((await post(`${g}/v1/chat/completions`, { model: 'm', messages: [] })).status).toBe(502);
    });
  });

  it('an oversize chunked request gets a 413 the client can read', async () => {
    await withGuard((_r, res) => json(res, {}), { maxRequestBytes: 2000 }, async (g, up) => {
      const url = new URL(`${g}/v1/chat/completions`);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write('{"model":"m","messages":[{"role":"user","content":"');
        for (let i = 0; i < 20; i++) req.write('x'.repeat(500));
        req.end('"}]}');
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'request_too_large' } });
      expect(up.requests).toHaveLength(0);
    });
  });
});

// ---- no suppression hints to agents (item 20) ----

const HINT = /redpen-ignore|nosemgrep|nosec|noqa|suppress|false alarm|false positive/i;
// a user rule written for another tool, whose message tells the reader how to silence it
const HINTING_RULE = `rules:
  - id: team.no-pickle-loads
    languages: [python]
    severity: ERROR
    message: >-
      pickle.loads runs code from the bytes it reads, so untrusted data becomes code execution.
      Load JSON with json.loads instead. If this is a false positive, add \`# nosemgrep\` to the line.
    metadata:
      cwe: ["CWE-502: Deserialization of Untrusted Data"]
    pattern: pickle.loads(...)
`;

describe('agents are never told how to suppress a finding', () => {
  let rules: Rule[];
  let hinted: Scanner;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-hint-'));
    fs.writeFileSync(path.join(dir, 'team.yaml'), HINTING_RULE);
    rules = (await loadRules(['recommended', path.join(dir, 'team.yaml')])).rules;
    hinted = await createScanner({ rules });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const CODE = 'import pickle\nimport subprocess\n\n\ndef load(blob, cmd):\n    subprocess.run(cmd, shell=True)\n    return pickle.loads(blob)\n';

  it('the hook reason names the fixes and no suppression comment', () => {
    const ev = { hook_event_name: 'PreToolUse', cwd: '/p', tool_name: 'Write', tool_input: { file_path: '/p/app.py', content: CODE } };
    const out = runHook('claude', JSON.stringify(ev), { scanner: hinted, readFile: () => null });
    const reason = JSON.parse(out.stdout).hookSpecificOutput.permissionDecisionReason as string;
    expect(reason).toContain('team.no-pickle-loads');
    expect(reason).toContain('Load JSON with json.loads instead.');
    expect(reason).not.toMatch(HINT);
  });

  it('the compact form, the rule explanation and the guard annotation carry no suppression hint', async () => {
    const found = hinted.scanText('app.py', CODE).findings;
    const pickle = found.find((f) => f.ruleId === 'team.no-pickle-loads')!;
    expect(pickle.message).toMatch(/nosemgrep/);
    expect(JSON.stringify(found.map(compactFinding))).not.toMatch(HINT);
    expect(JSON.stringify(explainRule(ruleInfo(rules.find((r) => r.id === 'team.no-pickle-loads')!)))).not.toMatch(HINT);
    const annotated = await guardText(FENCED(CODE), { scanner: hinted, policy: 'annotate' });
    expect(annotated.annotation).toContain('team.no-pickle-loads');
    expect(annotated.annotation).not.toMatch(HINT);
    const blocked = await guardText(FENCED(CODE), { scanner: hinted, policy: 'block' });
    expect(blocked.text).not.toMatch(HINT);
    expect(blocked.text).not.toMatch(/lower the guard policy/);
  });
});
