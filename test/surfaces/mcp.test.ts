import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

// The server as agents run it: `node bin/redpen.js mcp`, spoken to with the SDK's own client.
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'redpen-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['bin/redpen.js', 'mcp'], cwd: process.cwd(), stderr: 'pipe' }));
});

afterAll(async () => {
  await client.close();
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text: string }[] };
const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as Result;

describe('redpen mcp', () => {
  it('lists its tools with input schemas', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['scan_code', 'scan_files', 'explain_rule', 'syntax_tree']));
    const scanCode = tools.find((t) => t.name === 'scan_code')!;
    expect(scanCode.inputSchema.required).toEqual(['code']);
    expect(scanCode.annotations?.readOnlyHint).toBe(true);
    // check_packages is offered exactly when the dependency capability is built in
    const hasDeps = existsSync('dist/deps/index.js');
    expect(names.includes('check_packages')).toBe(hasDeps);
  });

  it('scan_code: each finding has line, rule, CWE, severity and a one-sentence fix', async () => {
    const r = await call('scan_code', { code: 'import subprocess\n\nsubprocess.run("ls " + d, shell=True)\n', language: 'python' });
    expect(r.isError).toBeFalsy();
    const findings = r.structuredContent!.findings as Record<string, unknown>[];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, rule: 'python.subprocess-shell-true', cwe: ['CWE-78'], severity: 'high' });
    expect(findings[0].fix).toMatch(/^Pass the program and its arguments as a list/);
    expect(JSON.parse(r.content[0].text)).toEqual(r.structuredContent);
  });

  it('scan_code: takes the language from a filename, scans markdown answers, and says when it cannot tell', async () => {
    const byName = await call('scan_code', { code: 'import subprocess\nsubprocess.call(x, shell=True)\n', filename: 'tool.py' });
    expect((byName.structuredContent!.findings as unknown[]).length).toBe(1);
    const md = await call('scan_code', { code: 'Try:\n\n```python\nimport subprocess\nsubprocess.call(x, shell=True)\n```\n', filename: 'answer.md' });
    expect((md.structuredContent!.findings as { line: number }[])[0].line).toBe(5);
    const unknown = await call('scan_code', { code: 'hello there', language: 'cobol' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0].text).toContain('unknown language');
  });

  it('scan_files: findings grouped by file, errors for unreadable paths', async () => {
    const r = await call('scan_files', { paths: ['rules/python/injection/subprocess-shell-true.py', 'no/such/file.py'] });
    const files = r.structuredContent!.files as { path: string; findings: { rule: string }[] }[];
    expect(files.map((f) => f.path)).toEqual(['rules/python/injection/subprocess-shell-true.py']);
    expect(files[0].findings.every((f) => f.rule === 'python.subprocess-shell-true')).toBe(true);
    expect(files[0].findings.length).toBeGreaterThanOrEqual(4);
    expect(r.structuredContent!.errors).toEqual([expect.objectContaining({ path: 'no/such/file.py', kind: 'io' })]);
  });

  it('explain_rule: what, why, safe alternative and examples from the rule’s fixture', async () => {
    const r = await call('explain_rule', { rule: 'python.subprocess-shell-true' });
    const e = r.structuredContent!;
    expect(e.what).toMatch(/runs its command through a shell/);
    expect(e.why).toMatch(/run as shell commands/);
    expect(e.safeAlternative).toMatch(/^Pass the program and its arguments as a list/);
    expect((e.examples as { safe: string[]; insecure: string[] }).safe).toContain('subprocess.run(["ls", "-l", path], check=True)');
    expect((e.examples as { insecure: string[] }).insecure[0]).toContain('shell=True');
    const missing = await call('explain_rule', { rule: 'python.nope' });
    expect(missing.isError).toBe(true);
  });

  it('syntax_tree: the tree rules match against, with the node at a position marked', async () => {
    const r = await call('syntax_tree', { code: 'x = foo(1)\n', language: 'python', at: '1:5' });
    expect(r.content[0].text).toContain('▶ function: identifier');
    const j = await call('syntax_tree', { code: 'x = foo(1)\n', language: 'python', format: 'json' });
    expect((j.structuredContent!.tree as { type: string }).type).toBe('module');
  });
});
