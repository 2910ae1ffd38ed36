/**
 * `redpen init <agent>`: add redpen's hook to an agent's project configuration.
 *
 * Invariant: an existing settings file is edited in place (jsonc-parser edits keep its other
 * keys, order, comments and formatting); a file redpen cannot parse is left untouched and
 * reported; running init twice adds nothing the second time.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
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
        entry: { type: 'command', bash: cmd, powershell: cmd, cwd: '.', timeoutSec: 30 },
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

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** The settings text with redpen's hook added, or null when it is already there. */
export function mergeHook(text: string, agent: Agent, command: string, fileName = 'settings'): string | null {
  const p = plan(agent, command);
  const errors: ParseError[] = [];
  const source = text.trim() === '' ? '{}' : text;
  const data = parse(source, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0) throw new InitError(`${fileName} is not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); left it unchanged`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InitError(`${fileName} does not hold a JSON object; left it unchanged`);
  let list: unknown = data;
  for (const k of p.arrayPath) list = list && typeof list === 'object' ? (list as Record<string | number, unknown>)[k] : undefined;
  if (list !== undefined && !Array.isArray(list)) throw new InitError(`${fileName}: ${p.arrayPath.join('.')} is not a list; left it unchanged`);
  if (installed(list, `hook ${agent}`)) return null;
  let out = source;
  for (const [k, v] of Object.entries(p.top ?? {})) {
    if ((data as Record<string, unknown>)[k] === undefined) out = applyEdits(out, modify(out, [k], v, FORMAT));
  }
  const index = Array.isArray(list) ? list.length : 0;
  if (list === undefined) out = applyEdits(out, modify(out, p.arrayPath, [p.entry], FORMAT));
  else out = applyEdits(out, modify(out, [...p.arrayPath, index], p.entry, { ...FORMAT, isArrayInsertion: true }));
  return out.endsWith('\n') ? out : `${out}\n`;
}

export interface InitResult {
  file: string;
  changed: boolean;
  note: string;
}

export async function initAgent(agent: Agent, options: { cwd: string; command?: string }): Promise<InitResult> {
  const p = plan(agent, options.command ?? 'redpen');
  const file = path.join(options.cwd, p.file);
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new InitError(`cannot read ${p.file}: ${(e as Error).message}`);
  }
  const merged = mergeHook(text, agent, options.command ?? 'redpen', p.file);
  if (merged === null) return { file: p.file, changed: false, note: p.note };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, merged);
  return { file: p.file, changed: true, note: p.note };
}
