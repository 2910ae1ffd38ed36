/**
 * Code a model hands to tools: the arguments of chat `tool_calls` (and the older
 * `function_call`) and the tool items of the Responses API. An agent runs these (writes the
 * file, runs the command), so they are judged like the answer's text.
 *
 * Arguments are JSON (often a JSON string inside JSON). Every string in them is a candidate:
 * one beside a file path (`path`, `file_path`, ...) is judged as that file's content, an
 * apply_patch body by the files it adds or changes, a diff by its added lines, anything else
 * by its content (fenced blocks, or code recognised as such). What the model replaces
 * (`old_string`) and the path itself are not code it writes.
 *
 * Invariant: bounded work per call: nesting depth, number of pieces and their total size.
 */
import type { Scanner } from '../core/scanner.js';
import { parseCodexPatch } from '../hooks/edits.js';
import type { CompactFinding } from '../surfaces/compact.js';
import { findCode } from './text.js';

export interface ToolCall {
  name: string;
  /** The arguments as sent: a JSON string, or an object (Responses API items). */
  arguments: unknown;
}

interface Piece {
  text: string;
  filename?: string;
  where: string;
}

const PATH_KEYS = new Set(['path', 'file_path', 'filepath', 'filename', 'file_name', 'file', 'target_file', 'targetfile', 'target_path', 'dest', 'destination']);
const NOT_CODE = new Set(['old_string', 'old_str', 'oldstring', 'old_text', 'oldtext', 'old', 'search', 'id', 'call_id', 'status', 'type', 'role', 'name']);
const MAX_DEPTH = 8;
const MAX_PIECES = 256;
const MAX_CHARS = 4 * 1024 * 1024;

/** A diff (hunks of ' ', '-', '+' lines): its added lines, or null when it is not one. */
function addedLines(text: string): string | null {
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines.length === 0 || !lines.some((l) => l.startsWith('+'))) return null;
  if (!lines.every((l) => /^([+\- ]|@@|\\ No newline|--- |\+\+\+ |diff --git |index )/.test(l))) return null;
  return lines.filter((l) => l.startsWith('+') && !l.startsWith('+++ ')).map((l) => l.slice(1)).join('\n');
}

function piecesOf(tool: string, value: unknown, out: Piece[], budget: { chars: number }, depth = 0, key = '', file?: string): void {
  if (depth > MAX_DEPTH || out.length >= MAX_PIECES || budget.chars <= 0) return;
  if (typeof value === 'string') {
    const t = value.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        piecesOf(tool, JSON.parse(t) as unknown, out, budget, depth + 1, key, file);
        return;
      } catch {
        // not JSON: judged as text below
      }
    }
    if (value.length < 8) return;
    budget.chars -= value.length;
    const where = `tool call ${tool}${file ? ` (${file})` : key ? ` argument ${key}` : ''}`;
    if (value.includes('*** Begin Patch')) {
      const files = parseCodexPatch(value);
      if (!('error' in files)) {
        for (const f of files) {
          if (f.kind === 'delete') continue;
          const added = f.kind === 'add' ? f.lines.join('\n') : f.hunks.flat().filter((l) => l.startsWith('+')).map((l) => l.slice(1)).join('\n');
          out.push({ text: `${added}\n`, filename: f.moveTo ?? f.path, where: `tool call ${tool} (${f.moveTo ?? f.path})` });
        }
        return;
      }
    }
    const diff = addedLines(value);
    out.push({ text: diff ?? value, filename: file, where });
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) piecesOf(tool, v, out, budget, depth + 1, key, file);
    return;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const hint = entries.find(([k, v]) => PATH_KEYS.has(k.toLowerCase()) && typeof v === 'string' && v.length < 1024)?.[1] as string | undefined;
    for (const [k, v] of entries) {
      const lower = k.toLowerCase();
      if (PATH_KEYS.has(lower) || NOT_CODE.has(lower)) continue;
      piecesOf(tool, v, out, budget, depth + 1, k, hint ?? file);
    }
  }
}

/** The findings in the code of tool calls, each saying which call (and file) it is in. */
export function toolFindings(scanner: Scanner, calls: ToolCall[]): { findings: CompactFinding[]; hadCode: boolean } {
  const pieces: Piece[] = [];
  const budget = { chars: MAX_CHARS };
  for (const c of calls) piecesOf(c.name || 'tool', c.arguments, pieces, budget);
  const findings: CompactFinding[] = [];
  let hadCode = false;
  for (const p of pieces) {
    const r = findCode(scanner, p.text, { filename: p.filename });
    hadCode ||= r.hadCode;
    for (const f of r.findings) findings.push({ ...f, where: p.where });
  }
  return { findings, hadCode };
}
