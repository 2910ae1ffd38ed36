/**
 * Hardening of the MCP server (issue 13, items 15, 18, 20), through the real protocol: the
 * SDK's client speaking to `node bin/redpen.js mcp` over stdio, in a project folder with
 * files outside it that a model might ask for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type Services } from '../deps/server.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'redpen.js');
// a line only the outside file has: it must never come back in an answer
const OUTSIDE_CODE = 'os.system("cat /srv/private/" + input())';

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text: string }[] };

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-mcp-roots-')));
const proj = path.join(tmp, 'proj');
const outside = path.join(tmp, 'outside');
let svc: Services;

beforeAll(async () => {
  svc = await startServices();
  fs.mkdirSync(proj);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(proj, 'app.py'), 'import subprocess\nsubprocess.call(cmd, shell=True)\n');
  fs.writeFileSync(path.join(outside, 'private.py'), `import os\n${OUTSIDE_CODE}\n`);
  fs.writeFileSync(path.join(outside, 'reqs.txt'), 'reqeusts==1.0\n');
  fs.symlinkSync(path.join(outside, 'private.py'), path.join(proj, 'link.py'));
  fs.symlinkSync(outside, path.join(proj, 'linkdir'));
  fs.writeFileSync(path.join(proj, 'requirements.txt'), '-r ../outside/reqs.txt\nflask==3.0.0\n');
  // a team rule written for another tool: its message says how to silence it
  fs.writeFileSync(
    path.join(tmp, 'team.yaml'),
    'rules:\n  - id: team.no-pickle-loads\n    languages: [python]\n    severity: ERROR\n    message: pickle.loads runs code from the bytes it reads. Load JSON with json.loads instead. If this is a false positive, add `# nosemgrep` to the line.\n    pattern: pickle.loads(...)\n',
  );
});

afterAll(async () => {
  await svc.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Start the server in `cwd`; `roots` makes the client declare MCP roots. */
async function connect(cwd: string, roots?: string[], config: string[] = []): Promise<Client> {
  const client = new Client({ name: 'redpen-hardening', version: '1.0.0' }, roots ? { capabilities: { roots: { listChanged: true } } } : {});
  if (roots) client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: roots.map((r) => ({ uri: pathToFileURL(r).href, name: path.basename(r) })) }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: tmp,
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    REDPEN_DB: path.join(tmp, 'no-such.sqlite'),
    REDPEN_OSV_URL: `${svc.url}/osv`,
    REDPEN_NPM_REGISTRY: `${svc.url}/npm`,
    REDPEN_PYPI_URL: svc.url,
  };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...config.flatMap((c) => ['-c', c])], cwd, env, stderr: 'pipe' }));
  return client;
}

const call = async (c: Client, name: string, args: Record<string, unknown>) => (await c.callTool({ name, arguments: args })) as Result;
const text = (r: Result) => JSON.stringify(r);

// one server for the tests of a client without roots (a server start costs seconds)
let client: Client;
beforeAll(async () => {
  client = await connect(proj);
});
afterAll(async () => {
  await client.close();
});

describe('scan_files stays inside the workspace (no roots declared: the working folder)', () => {
  it('scans inside the working folder', async () => {
    const r = await call(client, 'scan_files', { paths: ['app.py'] });
    expect(r.isError).toBeFalsy();
    expect((r.structuredContent!.files as { path: string }[]).map((f) => f.path)).toEqual(['app.py']);
  });

  it.each([
    ['an absolute path', '/etc/passwd'],
    ['a parent folder', '../outside/private.py'],
    ['an absolute path outside', path.join(tmp, 'outside', 'private.py')],
    ['a symlinked file pointing out', 'link.py'],
    ['a symlinked folder pointing out', 'linkdir'],
    ['a path through a symlinked folder', 'linkdir/private.py'],
    ['a missing path outside', '../outside/nothing-here.py'],
  ])('refuses %s with a clear error and reads nothing', async (_what, p) => {
    const r = await call(client, 'scan_files', { paths: ['app.py', p] });
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toContain(`refused: ${p} is outside the server's working folder`);
    expect(text(r)).not.toContain('cat /srv/private');
    expect(text(r)).not.toContain('root:');
  });

  it('does not follow a requirements include out of the workspace', async () => {
    const r = await call(client, 'scan_files', { paths: ['.'] });
    expect(r.isError).toBeFalsy();
    expect(text(r)).not.toContain('reqeusts');
    expect(r.structuredContent!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'requirements.txt', message: expect.stringMatching(/included file \.\.\/outside\/reqs\.txt is outside the folders this scan may read/) })]));
  });
});

describe('scan_files with MCP roots: the client decides the workspace', () => {
  it('reads inside the declared roots only, symlinks resolved (and suggests no suppression)', async () => {
    const withRoots = await connect(proj, [outside], ['recommended', path.join(tmp, 'team.yaml')]);
    try {
      const ok = await call(withRoots, 'scan_files', { paths: [path.join(outside, 'private.py')] });
      expect(ok.isError).toBeFalsy();
      expect((ok.structuredContent!.files as { findings: { rule: string }[] }[])[0].findings.length).toBeGreaterThan(0);
      // the symlink inside the working folder resolves into the root: allowed
      expect((await call(withRoots, 'scan_files', { paths: ['link.py'] })).isError).toBeFalsy();
      // the working folder is not a root
      const refused = await call(withRoots, 'scan_files', { paths: ['app.py'] });
      expect(refused.isError).toBe(true);
      expect(refused.content[0].text).toMatch(/refused: app\.py is outside the client's workspace roots/);
      // answers never tell the agent how to silence a finding (item 20)
      const code = await call(withRoots, 'scan_code', { code: 'import pickle\npickle.loads(b)\n', language: 'python' });
      expect(code.structuredContent!.findings).toEqual([expect.objectContaining({ rule: 'team.no-pickle-loads', fix: 'Load JSON with json.loads instead.' })]);
      const explained = await call(withRoots, 'explain_rule', { rule: 'team.no-pickle-loads' });
      for (const r of [code, explained]) expect(text(r)).not.toMatch(/nosemgrep|false positive|redpen-ignore/);
    } finally {
      await withRoots.close();
    }
  });
});

describe('every tool answers with its findings through the protocol', () => {
  it('lists the five tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['check_packages', 'explain_rule', 'scan_code', 'scan_files', 'syntax_tree']);
  });

  it('scan_code', async () => {
    const r = await call(client, 'scan_code', { code: 'import subprocess\nsubprocess.call(cmd, shell=True)\n', language: 'python' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent!.findings).toEqual([expect.objectContaining({ line: 2, rule: 'python.subprocess-shell-true', severity: 'high', fix: expect.any(String) })]);
  });

  it('scan_files', async () => {
    const r = await call(client, 'scan_files', { paths: ['app.py'] });
    expect((r.structuredContent!.files as { findings: unknown[] }[])[0].findings).toEqual([expect.objectContaining({ line: 2, rule: 'python.subprocess-shell-true' })]);
  });

  it('explain_rule', async () => {
    const r = await call(client, 'explain_rule', { rule: 'python.subprocess-shell-true' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ rule: 'python.subprocess-shell-true', cwe: [expect.stringContaining('CWE-78')] });
  });

  it('syntax_tree', async () => {
    const r = await call(client, 'syntax_tree', { code: 'x = foo(1)\n', language: 'python', format: 'json' });
    expect(r.isError).toBeFalsy();
    expect((r.structuredContent!.tree as { type: string }).type).toBe('module');
  });

  it('check_packages returns its findings (no crash on a finding without a location)', async () => {
    const r = await call(client, 'check_packages', {
      packages: [
        { ecosystem: 'PyPI', name: 'reqeusts' },
        { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
      ],
    });
    expect(r.content[0].text).not.toContain('cellLine');
    expect(r.isError).toBeFalsy();
    const findings = r.structuredContent!.findings as Record<string, unknown>[];
    expect(findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ ecosystem: 'PyPI', name: 'reqeusts', rule: 'deps.nonexistent-package', severity: 'high', resembles: 'requests', problem: expect.stringMatching(/does not exist on PyPI/), fix: expect.any(String) }),
      expect.objectContaining({ ecosystem: 'npm', name: 'lodash', version: '4.17.15', rule: 'deps.vulnerable-dependency', fixedIn: '4.17.21', advisories: expect.arrayContaining(['GHSA-35jh-r3h4-6jhm']) }),
    ]));
  });
});
