/**
 * `redpen init <agent>`: add redpen's hook to an agent's project configuration.
 *
 * Invariants: an existing settings file is edited in place (jsonc-parser edits keep its other
 * keys, order, comments and formatting); a file redpen cannot parse is left untouched and
 * reported; running init twice adds nothing the second time. The command written is one that
 * resolves without `redpen` on PATH (an absolute path, or npx naming this package), and it
 * is run once (`--version`) before anything is written: a hook command that does not resolve
 * exits 127, which agents treat as a non-blocking error, so every write would go unchecked.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { PACKAGE_ROOT } from '../config/rules.js';
import { PACKAGE_NAME, VERSION } from '../version.js';
import type { Agent } from './index.js';

export class InitError extends Error {}

interface Plan {
  file: string;
  /** JSON path of the array the hook entry goes into. */
  arrayPath: (string | number)[];
  entry: unknown;
  /** Top-level keys the file needs (Cursor and Copilot files carry a version). */
  top?: Record<string, unknown>;
  note: string;
}

function plan(agent: Agent, command: string): Plan {
  const cmd = `${command} hook ${agent}`;
  switch (agent) {
    case 'claude':
      return {
        file: '.claude/settings.json',
        arrayPath: ['hooks', 'PreToolUse'],
        entry: { matcher: 'Write|Edit|MultiEdit', hooks: [{ type: 'command', command: cmd, timeout: 30 }] },
        note: 'Claude Code now asks redpen before each Write, Edit and MultiEdit. Cursor runs these hooks too when its third-party hooks setting is on.',
      };
    case 'codex':
      return {
        file: '.codex/hooks.json',
        arrayPath: ['hooks', 'PreToolUse'],
        entry: { matcher: 'apply_patch', hooks: [{ type: 'command', command: cmd, timeout: 30 }] },
        note: 'Codex asks redpen before each apply_patch. Codex runs a new hook only after you trust it (/hooks in Codex), and loads project hooks only in trusted projects.',
      };
    case 'gemini':
      return {
        file: '.gemini/settings.json',
        arrayPath: ['hooks', 'BeforeTool'],
        entry: { matcher: 'write_file|replace', hooks: [{ type: 'command', command: cmd, name: 'redpen', timeout: 30000 }] },
        note: 'Gemini CLI asks redpen before each write_file and replace.',
      };
    case 'copilot':
      return {
        file: '.github/hooks/redpen.json',
        arrayPath: ['hooks', 'preToolUse'],
        top: { version: 1 },
        // PowerShell runs a quoted program path only through its call operator
        entry: { type: 'command', bash: cmd, powershell: /^["']/.test(cmd) ? `& ${cmd}` : cmd, cwd: '.', timeoutSec: 30 },
        note: 'GitHub Copilot (cloud agent: from the default branch; CLI: from this folder) asks redpen before each tool call and is denied writes that add security problems.',
      };
    case 'cursor':
      return {
        file: '.cursor/hooks.json',
        arrayPath: ['hooks', 'afterFileEdit'],
        top: { version: 1 },
        entry: { command: cmd },
        note: "Cursor reports redpen's findings after each agent edit (afterFileEdit cannot block). To block insecure writes in Cursor, also run `redpen init claude` and turn on Cursor's third-party hooks setting.",
      };
  }
}

/** Whether a hooks array already holds redpen's hook for this agent. */
function installed(list: unknown, marker: string): boolean {
  return JSON.stringify(list ?? []).includes(marker);
}

interface Found {
  path: (string | number)[];
  key: string | number;
  value: string;
}

/** Strings in a hooks array that run redpen's hook for this agent, with their JSON paths. */
function hookStrings(value: unknown, agent: Agent, at: (string | number)[] = []): Found[] {
  if (typeof value === 'string') return new RegExp(`\\shook ${agent}\\b`).test(value) ? [{ path: at, key: at[at.length - 1] ?? '', value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => hookStrings(v, agent, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => hookStrings(v, agent, [...at, k]));
  return [];
}

function parseSettings(text: string, fileName: string): { source: string; data: Record<string, unknown> } {
  const errors: ParseError[] = [];
  const source = text.trim() === '' ? '{}' : text;
  const data = parse(source, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0) throw new InitError(`${fileName} is not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); left it unchanged`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InitError(`${fileName} does not hold a JSON object; left it unchanged`);
  return { source, data: data as Record<string, unknown> };
}

/** The commands (before ` hook <agent>`) of redpen hooks already in the settings. */
export function existingHookCommands(text: string, agent: Agent, fileName = 'settings'): string[] {
  const { data } = parseSettings(text, fileName);
  let list: unknown = data;
  for (const k of plan(agent, 'redpen').arrayPath) list = list && typeof list === 'object' ? (list as Record<string | number, unknown>)[k] : undefined;
  return hookStrings(list, agent)
    .filter((f) => f.key !== 'powershell')
    .map((f) => f.value.replace(new RegExp(`\\s+hook ${agent}\\b[\\s\\S]*$`), ''));
}

/** The settings text with every redpen hook command for this agent replaced by `command`. */
export function replaceHookCommand(text: string, agent: Agent, command: string, fileName = 'settings'): string {
  const p = plan(agent, command);
  const { source, data } = parseSettings(text, fileName);
  let out = source;
  let list: unknown = data;
  for (const k of p.arrayPath) list = list && typeof list === 'object' ? (list as Record<string | number, unknown>)[k] : undefined;
  const cmd = `${command} hook ${agent}`;
  for (const f of hookStrings(list, agent, p.arrayPath)) {
    const v = f.key === 'powershell' && /^["']/.test(cmd) ? `& ${cmd}` : cmd;
    out = applyEdits(out, modify(out, f.path, v, FORMAT));
  }
  return out.endsWith('\n') ? out : `${out}\n`;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** The settings text with redpen's hook added, or null when it is already there. */
export function mergeHook(text: string, agent: Agent, command: string, fileName = 'settings'): string | null {
  const p = plan(agent, command);
  const { source, data } = parseSettings(text, fileName);
  let list: unknown = data;
  for (const k of p.arrayPath) list = list && typeof list === 'object' ? (list as Record<string | number, unknown>)[k] : undefined;
  if (list !== undefined && !Array.isArray(list)) throw new InitError(`${fileName}: ${p.arrayPath.join('.')} is not a list; left it unchanged`);
  if (installed(list, `hook ${agent}`)) return null;
  let out = source;
  for (const [k, v] of Object.entries(p.top ?? {})) {
    if (data[k] === undefined) out = applyEdits(out, modify(out, [k], v, FORMAT));
  }
  const index = Array.isArray(list) ? list.length : 0;
  if (list === undefined) out = applyEdits(out, modify(out, p.arrayPath, [p.entry], FORMAT));
  else out = applyEdits(out, modify(out, [...p.arrayPath, index], p.entry, { ...FORMAT, isArrayInsertion: true }));
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** A word for the shell agents run hook commands with (sh; cmd.exe or PowerShell on Windows). */
function shellWord(s: string, platform: NodeJS.Platform): string {
  if ((platform === 'win32' ? /^[\w@%+=:,./\\-]+$/ : /^[\w@%+=:,./-]+$/).test(s)) return s;
  return platform === 'win32' ? `"${s}"` : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CommandSite {
  /** The folder of the redpen package that is running. */
  packageRoot: string;
  /** The project init writes into. */
  cwd: string;
  /** The node binary that is running. */
  execPath: string;
  platform: NodeJS.Platform;
}

/**
 * How an agent should run this redpen: npx naming the package when it is a dependency of the
 * project (portable to every clone of it, and `--no-install` never fetches), a pinned npx
 * command when this copy lives in npx's cache (which npm may clean), and otherwise the
 * absolute path of this copy (a clone or a global install).
 */
export function defaultHookCommand(site: CommandSite): string {
  const root = path.resolve(site.packageRoot);
  for (let dir = path.resolve(site.cwd); ; dir = path.dirname(dir)) {
    if (root.startsWith(path.join(dir, 'node_modules') + path.sep)) return `npx --no-install ${PACKAGE_NAME}`;
    if (path.dirname(dir) === dir) break;
  }
  if (root.split(path.sep).includes('_npx')) return `npx --yes ${PACKAGE_NAME}@${VERSION}`;
  return `${shellWord(site.execPath, site.platform)} ${shellWord(path.join(root, 'bin', 'redpen.js'), site.platform)}`;
}

export type Probe = { ok: true; version: string } | { ok: false; reason: string };

/**
 * Run `<command> --version` once, through the shell, in the project folder, as the agent would
 * run the hook (with the project-folder variables Claude Code and Gemini CLI set).
 */
export function probeCommand(command: string, cwd: string, timeoutMs = 120_000): Probe {
  const r = spawnSync(`${command} --version`, {
    shell: true,
    cwd,
    timeout: timeoutMs,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLAUDE_PROJECT_DIR: cwd, GEMINI_PROJECT_DIR: cwd },
  });
  const out = (r.stdout ?? '').trim();
  const err = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  if (r.error) return { ok: false, reason: (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `no answer within ${timeoutMs / 1000} s` : r.error.message };
  if (r.status !== 0) return { ok: false, reason: `exit ${r.status ?? r.signal}${err ? `: ${err}` : ''}` };
  if (!/^\d+\.\d+\.\d+/.test(out) || /\s/.test(out)) return { ok: false, reason: `it answered ${JSON.stringify(out.slice(0, 80))}, not a redpen version` };
  return { ok: true, version: out };
}

export interface InitResult {
  file: string;
  changed: boolean;
  note: string;
  /** The command the hook runs (before ` hook <agent>`). */
  command: string;
  /** Set when the command was run once with --version: what it answered. */
  checked?: string;
  /** A redpen hook command that was there and did not run, and why. */
  replaced?: { command: string; reason: string };
}

export interface InitOptions {
  cwd: string;
  /** How the agent should run redpen; default: defaultHookCommand for this copy. */
  command?: string;
  /** Run the command once before writing (default true); off for a file meant for another machine. */
  verify?: boolean;
}

export async function initAgent(agent: Agent, options: InitOptions): Promise<InitResult> {
  const command = options.command ?? defaultHookCommand({ packageRoot: PACKAGE_ROOT, cwd: options.cwd, execPath: process.execPath, platform: process.platform });
  const p = plan(agent, command);
  const file = path.join(options.cwd, p.file);
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new InitError(`cannot read ${p.file}: ${(e as Error).message}`);
  }
  const existing = existingHookCommands(text, agent, p.file);
  if (existing.length > 0) {
    // already set up: unchanged while its command runs, unless --command names another; a
    // stale one (`redpen` not on PATH, a moved clone) is replaced, since agents skip a hook
    // that fails and allow the write
    let reason = 'replaced by --command';
    if (options.command === undefined || existing.includes(options.command)) {
      if (options.verify === false) return { file: p.file, changed: false, note: p.note, command: existing[0] };
      const old = probeCommand(existing[0], options.cwd);
      if (old.ok) return { file: p.file, changed: false, note: p.note, command: existing[0], checked: old.version };
      if (existing[0] === command) throw new InitError(`the hook command \`${command}\` in ${p.file} does not run here (\`${command} --version\`: ${old.reason}); pass --command with a command that runs redpen`);
      reason = `it does not run here: ${old.reason}`;
    }
    const checked = options.verify === false ? undefined : verified(command, options.cwd, p.file);
    await fs.writeFile(file, replaceHookCommand(text, agent, command, p.file));
    return { file: p.file, changed: true, note: p.note, command, checked, replaced: { command: existing[0], reason } };
  }
  const merged = mergeHook(text, agent, command, p.file);
  if (merged === null) return { file: p.file, changed: false, note: p.note, command };
  const checked = options.verify === false ? undefined : verified(command, options.cwd, p.file);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, merged);
  return { file: p.file, changed: true, note: p.note, command, checked };
}

function verified(command: string, cwd: string, file: string): string {
  const probe = probeCommand(command, cwd);
  if (!probe.ok) {
    throw new InitError(`the hook command \`${command}\` does not run here (\`${command} --version\`: ${probe.reason}); ${file} left unchanged. Pass --command with a command that runs redpen, or --no-verify to write it for another machine`);
  }
  return probe.version;
}
