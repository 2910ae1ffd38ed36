/**
 * Packaging and the commands redpen documents or writes (issue 13, items 16, 17, 23): the npm
 * name is not the unrelated `redpen` package, every documented npx command and generated
 * configuration names this package, `init` writes a hook command that runs where it was
 * written (checked once), a clone builds on install, and the README's library example finds
 * something. The full fresh-clone check (git clone, npm ci, npx) is scripts/check-fresh-clone.sh:
 * npm ci alone takes longer than the whole test suite should.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseJsonc } from 'jsonc-parser';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { AGENTS, type Agent } from '../../src/hooks/index.js';
import { defaultHookCommand, initAgent } from '../../src/hooks/init.js';
import { VERSION } from '../../src/version.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json')) as { name: string; bin: Record<string, string>; scripts: Record<string, string> };
const README = read('README.md');
/** The name chosen (unclaimed on npm when checked); `redpen` itself is someone else's package. */
const NAME = 'redpen-cli';

const temps: string[] = [];
function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** Fenced code blocks of a markdown text, with their info string. */
function codeBlocks(md: string): { lang: string; code: string }[] {
  return [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

describe('the npm package name', () => {
  it('is not `redpen` (an unrelated npm package) and still installs the `redpen` command', () => {
    expect(pkg.name).toBe(NAME);
    expect(pkg.bin.redpen).toBe('bin/redpen.js');
    // `npx redpen-cli` runs the bin named after the package, in a clone as well as installed
    expect(pkg.bin[pkg.name]).toBe('bin/redpen.js');
    expect(JSON.parse(read('package-lock.json')).packages[''].name).toBe(pkg.name);
  });

  it('is named by every npx command and import the documentation shows', () => {
    const docs = ['README.md', 'examples/README.md', 'docs/architecture.md', 'docs/taint.md', 'src/index.ts'];
    for (const f of docs) {
      const text = read(f);
      // commands: fenced blocks and inline code (prose may say "npx" in passing)
      const prose = text.replace(/^```\w*\n[\s\S]*?^```/gm, '');
      const code = f.endsWith('.md') ? [...codeBlocks(text).map((b) => b.code), ...[...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1])].join('\n') : text;
      // npx <name>: the first word after npx and its options must be this package
      for (const m of code.matchAll(/\bnpx((?:[ \t]+--?[\w-]+(?:=\S+)?)*)[ \t]+([@\w./-]+)/g)) {
        const named = m[2] === NAME || m[1].includes(`--package=${NAME}`);
        expect(named, `${f}: ${m[0]}`).toBe(true);
      }
      for (const m of text.matchAll(/from '([^']+)'/g)) if (/^redpen/.test(m[1])) expect(m[1], `${f}: ${m[0]}`).toBe(NAME);
    }
    // the MCP configuration snippet
    const mcp = codeBlocks(README).filter((b) => b.lang === 'json' && b.code.includes('mcpServers'));
    expect(mcp.length).toBeGreaterThan(0);
    for (const b of mcp) {
      const server = (JSON.parse(b.code) as { mcpServers: Record<string, { command: string; args: string[] }> }).mcpServers.redpen;
      expect(server.command).toBe('npx');
      const words = server.args.filter((a) => !a.startsWith('-'));
      expect(words[0]).toBe(NAME);
      expect(words[1]).toBe('mcp');
    }
  });

  it('is not needed by the GitHub Action or the pre-commit hook, which run this repository’s own copy', () => {
    const action = YAML.parse(read('action.yml')) as { runs: { steps: { run?: string; env?: Record<string, string>; 'working-directory'?: string }[] } };
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    const scan = action.runs.steps.find((s) => s.env?.REDPEN)!;
    expect(scan.env!.REDPEN).toBe('${{ github.action_path }}/bin/redpen.js');
    expect(JSON.stringify(action)).not.toMatch(/\bnpx\b/);
    const hooks = YAML.parse(read('.pre-commit-hooks.yaml')) as { entry: string; language: string }[];
    // pre-commit installs the hook repository itself (npm install, npm pack, npm install -g)
    expect(hooks[0].language).toBe('node');
    expect(hooks[0].entry.split(' ')[0]).toBe('redpen');
    expect(pkg.bin[hooks[0].entry.split(' ')[0]]).toBeDefined();
  });
});

describe('the packed package', () => {
  it('holds every file redpen reads at run time (framework models, rules, schemas, data)', () => {
    // --ignore-scripts: the file list only, without the build the prepare script would run
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
    const needed: string[] = [];
    for (const lang of fs.readdirSync(path.join(ROOT, 'src', 'languages'))) {
      const dir = path.join('src', 'languages', lang, 'models');
      if (fs.existsSync(path.join(ROOT, dir))) for (const f of fs.readdirSync(path.join(ROOT, dir))) needed.push(`${dir}/${f}`.split(path.sep).join('/'));
    }
    expect(needed.length).toBeGreaterThan(0);
    needed.push('bin/redpen.js', 'schemas/redpen-config.schema.json', 'package.json');
    for (const f of needed) expect(files.has(f), f).toBe(true);
    expect([...files].some((f) => f.startsWith('rules/python/'))).toBe(true);
    expect([...files].some((f) => f.startsWith('data/popular/'))).toBe(true);
  });
});

describe('a clone builds on install', () => {
  it('has a prepare script that builds dist/ (npm ci runs it for the root package)', () => {
    expect(pkg.scripts.prepare).toMatch(/npm run build|tsc/);
    expect(pkg.scripts.build).toMatch(/tsc/);
  });

  it('says how to build when dist/ is missing instead of a module-not-found stack trace', () => {
    const dir = tempDir('redpen-nodist-');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'redpen.js'), path.join(dir, 'bin', 'redpen.js'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'redpen.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run build');
    expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
  });
});

/** A hook event each agent would send for writing a file that runs a shell command built from input. */
function badWriteEvent(agent: Agent, dir: string): unknown {
  const file = path.join(dir, 'run.py');
  const content = 'import subprocess\n\ndef listing(path):\n    return subprocess.run("ls " + path, shell=True)\n';
  switch (agent) {
    case 'claude':
      return { hook_event_name: 'PreToolUse', cwd: dir, tool_name: 'Write', tool_input: { file_path: file, content } };
    case 'codex': {
      const patch = ['*** Begin Patch', '*** Add File: run.py', ...content.trimEnd().split('\n').map((l) => `+${l}`), '*** End Patch'].join('\n');
      return { hook_event_name: 'PreToolUse', cwd: dir, tool_name: 'apply_patch', tool_input: { command: patch } };
    }
    case 'gemini':
      return { hook_event_name: 'BeforeTool', cwd: dir, tool_name: 'write_file', tool_input: { file_path: file, content } };
    case 'copilot':
      return { cwd: dir, toolName: 'create', toolArgs: JSON.stringify({ path: file, file_text: content }) };
    case 'cursor':
      fs.writeFileSync(file, content);
      return { hook_event_name: 'afterFileEdit', workspace_roots: [dir], file_path: file, edits: [{ old_string: '', new_string: content }] };
  }
}

/** The command string the agent would run, from the file init wrote. */
function writtenCommand(agent: Agent, text: string): string {
  const data = parseJsonc(text) as { hooks: Record<string, { hooks?: { command: string }[]; command?: string; bash?: string }[]> };
  const entry = Object.values(data.hooks)[0][0];
  return entry.bash ?? entry.command ?? entry.hooks![0].command;
}

describe('redpen init writes a hook command that runs', () => {
  it('for every agent: the command written resolves without `redpen` on PATH, and answers a real hook event', async () => {
    const dir = tempDir('redpen-init-run-');
    // no `redpen` on PATH: the command must not depend on one
    const env = { ...process.env, PATH: (process.env.PATH ?? '').split(path.delimiter).filter((p) => !fs.existsSync(path.join(p, 'redpen'))).join(path.delimiter) };
    const commands = new Map<Agent, string>();
    for (const agent of AGENTS) {
      const r = await initAgent(agent, { cwd: dir });
      expect(r.changed).toBe(true);
      // init ran it once (`--version`) before writing
      expect(r.checked).toBe(VERSION);
      const command = writtenCommand(agent, fs.readFileSync(path.join(dir, r.file), 'utf8'));
      expect(command).toBe(`${r.command} hook ${agent}`);
      commands.set(agent, command);
    }
    // each hook process costs a second or more: two agents with different protocols run for real
    for (const agent of ['claude', 'copilot'] as const) {
      const command = commands.get(agent)!;
      const run = spawnSync(command, { shell: true, cwd: dir, env, input: JSON.stringify(badWriteEvent(agent, dir)), encoding: 'utf8' });
      expect(run.status, `${agent}: ${command}: ${run.stderr}`).toBe(0);
      // the write was judged and denied
      expect(run.stdout, `${agent}: ${command}`).toContain('python.subprocess-shell-true');
      expect(run.stdout).toContain('deny');
    }
  });

  it('refuses a command that does not run and writes nothing, and says what it checked (CLI)', async () => {
    const dir = tempDir('redpen-init-cli-');
    const bad = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'redpen.js'), 'init', 'claude', '--command', 'redpen-no-such-command'], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toMatch(/does not run here.*127/);
    expect(fs.existsSync(path.join(dir, '.claude'))).toBe(false);
    const ok = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'redpen.js'), 'init', 'claude'], { cwd: dir, encoding: 'utf8' });
    expect(ok).toContain(`answered ${VERSION}`);
    expect(ok).toMatch(/hook command: .*bin[\\/]redpen\.js.* hook claude/);
  });

  it('replaces an earlier hook whose command no longer resolves (`redpen` not on PATH)', async () => {
    const dir = tempDir('redpen-init-stale-');
    fs.mkdirSync(path.join(dir, '.claude'));
    const stale = '{\n  // mine\n  "model": "opus",\n  "hooks": { "PreToolUse": [{ "matcher": "Write|Edit|MultiEdit", "hooks": [{ "type": "command", "command": "redpen-gone hook claude", "timeout": 30 }] }] }\n}\n';
    fs.writeFileSync(path.join(dir, '.claude', 'settings.json'), stale);
    const r = await initAgent('claude', { cwd: dir });
    expect(r.changed).toBe(true);
    expect(r.replaced?.command).toBe('redpen-gone');
    const text = fs.readFileSync(path.join(dir, '.claude', 'settings.json'), 'utf8');
    expect(text).toContain('// mine');
    expect(text).not.toContain('redpen-gone');
    expect(JSON.stringify(parseJsonc(text))).toContain(`${r.command} hook claude`);
    // and a second run leaves it as it is
    expect((await initAgent('claude', { cwd: dir })).changed).toBe(false);
  });

  it('chooses npx naming the package for a project dependency, pinned npx for npx’s cache, else an absolute path', () => {
    const base = { execPath: '/usr/bin/node', platform: 'linux' as const };
    expect(defaultHookCommand({ ...base, packageRoot: '/p/node_modules/redpen-cli', cwd: '/p/sub' })).toBe('npx --no-install redpen-cli');
    expect(defaultHookCommand({ ...base, packageRoot: '/home/u/.npm/_npx/ab12/node_modules/redpen-cli', cwd: '/p' })).toBe(`npx --yes redpen-cli@${VERSION}`);
    expect(defaultHookCommand({ ...base, packageRoot: '/src/redpen', cwd: '/p' })).toBe('/usr/bin/node /src/redpen/bin/redpen.js');
    expect(defaultHookCommand({ ...base, packageRoot: "/my projects/it's", cwd: '/p' })).toBe(`/usr/bin/node '/my projects/it'\\''s/bin/redpen.js'`);
  });
});

describe("the README's library example", () => {
  it('runs as written against the package name and finds something', () => {
    const lib = README.slice(README.indexOf('### Library'));
    const block = codeBlocks(lib).find((b) => b.lang === 'js');
    expect(block, 'a js block under ### Library').toBeDefined();
    expect(block!.code).toContain(`from '${pkg.name}'`);
    // a project that depends on the package: node_modules/<name> is this repository
    const dir = tempDir('redpen-readme-');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', pkg.name), 'dir');
    fs.writeFileSync(path.join(dir, 'example.mjs'), block!.code);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const printed = r.stdout.trim().split('\n').filter(Boolean);
    expect(printed.length).toBeGreaterThan(0);
    // what the comment in the example promises is what it prints
    const promised = /^\/\/ (line \d+: .*)$/m.exec(block!.code)?.[1];
    expect(promised).toBeDefined();
    expect(printed).toContain(promised);
  });
});
