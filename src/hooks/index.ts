/**
 * `redpen hook <agent>`: judge a coding agent's file write from the hook event JSON the agent
 * sends on stdin, and answer in that agent's documented protocol.
 *
 * Invariants:
 * - Only findings the write introduces count (the file before the write is scanned too, and
 *   findings it already had are left alone), so one old problem does not block every edit.
 * - Findings at or above the threshold block a pre-write event (the write does not happen)
 *   and ask the agent to fix a post-write one; findings below it come back as context. The
 *   reason names each finding's line, rule, CWE and the fix, so the agent knows what to change;
 *   it never suggests suppressing a finding (an agent told how to silence redpen will).
 * - An event that is not a write (another tool, another event) is allowed silently. An event
 *   redpen cannot read fails open with a message on stderr and a non-blocking exit status:
 *   a broken hook must not stop the agent.
 *
 * Protocols (from each agent's hook documentation):
 * - Claude Code: PreToolUse/PostToolUse on Write, Edit, MultiEdit; deny via
 *   hookSpecificOutput.permissionDecision, post-write feedback via decision "block" + reason.
 * - Codex CLI: the same wire format; file edits arrive as tool `apply_patch` whose
 *   tool_input.command is the patch text.
 * - Gemini CLI: BeforeTool/AfterTool on write_file and replace; decision "deny" + reason,
 *   hookSpecificOutput.additionalContext.
 * - GitHub Copilot (cloud agent and CLI): preToolUse with toolName/toolArgs; only a
 *   permissionDecision "deny" is acted on. The reference does not list the file tools'
 *   argument names; redpen reads path/file_path with file_text/content/new_str/old_str.
 * - Cursor: afterFileEdit (file_path, edits) is documented as observe-only, so redpen reports
 *   on stderr there; Cursor also runs Claude Code hooks (its third-party hooks setting), which
 *   is how Cursor writes get blocked.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Scanner } from '../core/scanner.js';
import type { Finding, Severity } from '../core/types.js';
import { scanChange } from '../changes/compare.js';
import { languageForPath } from '../languages/index.js';
import { compactFinding, findingLine, partition, type CompactFinding } from '../surfaces/compact.js';
import { checkManifestWrites, type HookDepsOptions, type ManifestVerdicts } from './deps.js';
import { applyEdits, applyPatchHunks, insertedText, parseCodexPatch, revertEdits, type StringEdit } from './edits.js';

export const AGENTS = ['claude', 'codex', 'gemini', 'copilot', 'cursor'] as const;
export type Agent = (typeof AGENTS)[number];

export function isAgent(s: string): s is Agent {
  return (AGENTS as readonly string[]).includes(s);
}

export interface HookOptions {
  scanner: Scanner;
  /** Lowest severity that blocks (default high); 'none' only warns. */
  failOn?: Severity | 'none';
  /** Reads a file; null when it does not exist (tests pass an in-memory map). */
  readFile?: (abs: string) => string | null;
}

export interface HookOutput {
  /** JSON (or nothing) for stdout. */
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One file the event writes: its text before and after, or the inserted text when the edit cannot be applied. */
interface Write {
  abs: string;
  before: string | null;
  after: string | null;
  fragment?: string;
  note?: string;
}

export interface Parsed {
  phase: 'pre' | 'post';
  cwd: string;
  writes: Write[];
}

function readDisk(abs: string): string | null {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function editsOf(v: unknown): StringEdit[] {
  return Array.isArray(v) ? v.filter((e): e is StringEdit => !!e && typeof e === 'object' && typeof (e as Json).new_string === 'string') : [];
}

/** A write made of string edits, before or after it happened. */
function stringEditWrite(abs: string, edits: StringEdit[], phase: 'pre' | 'post', read: (p: string) => string | null, original?: string): Write {
  if (phase === 'pre') {
    const before = read(abs);
    const applied = applyEdits(before, edits);
    if (applied.ok) return { abs, before, after: applied.text };
    return { abs, before, after: null, fragment: insertedText(edits), note: applied.error };
  }
  const after = read(abs);
  if (after === null) return { abs, before: null, after: null, fragment: insertedText(edits), note: 'the edited file is not on disk' };
  return { abs, before: original ?? revertEdits(after, edits), after };
}

function fullWrite(abs: string, content: string, phase: 'pre' | 'post', read: (p: string) => string | null, original?: string): Write {
  // after a write the old text is gone; an agent that reports it (Claude's originalFile) lets us diff
  return { abs, before: phase === 'pre' ? read(abs) : (original ?? null), after: content };
}

function resolveIn(cwd: string, p: string): string {
  return path.resolve(cwd, p);
}

function parseClaudeLike(ev: Json, read: (p: string) => string | null): Parsed | null {
  const event = str(ev.hook_event_name);
  const phase = event === 'PreToolUse' ? 'pre' : event === 'PostToolUse' ? 'post' : null;
  if (!phase) return null;
  const cwd = str(ev.cwd) ?? process.cwd();
  const tool = str(ev.tool_name) ?? '';
  const input = (ev.tool_input ?? {}) as Json;
  const response = (ev.tool_response ?? {}) as Json;
  const original = str(response.originalFile);
  if (tool === 'apply_patch') return { phase, cwd, writes: codexPatchWrites(str(input.command) ?? str(input.patch) ?? '', cwd, phase, read) };
  const file = str(input.file_path);
  if (!file) return null;
  const abs = resolveIn(cwd, file);
  if (tool === 'Write' && typeof input.content === 'string') return { phase, cwd, writes: [fullWrite(abs, input.content, phase, read, original)] };
  if (tool === 'Edit') {
    const e: StringEdit = { old_string: str(input.old_string) ?? '', new_string: str(input.new_string) ?? '', replace_all: input.replace_all === true };
    return { phase, cwd, writes: [stringEditWrite(abs, [e], phase, read, original)] };
  }
  if (tool === 'MultiEdit') return { phase, cwd, writes: [stringEditWrite(abs, editsOf(input.edits), phase, read, original)] };
  return null;
}

/** Codex's apply_patch: every added or updated file the patch names. */
function codexPatchWrites(patch: string, cwd: string, phase: 'pre' | 'post', read: (p: string) => string | null): Write[] {
  const files = parseCodexPatch(patch);
  if ('error' in files) return [];
  const writes: Write[] = [];
  for (const f of files) {
    if (f.kind === 'delete') continue;
    const target = resolveIn(cwd, f.moveTo ?? f.path);
    const added = f.kind === 'add' ? f.lines.join('\n') + '\n' : f.hunks.flat().filter((l) => l.startsWith('+')).map((l) => l.slice(1)).join('\n');
    if (phase === 'post') {
      writes.push({ abs: target, before: null, after: read(target), fragment: added });
      continue;
    }
    if (f.kind === 'add') {
      writes.push({ abs: target, before: null, after: added });
      continue;
    }
    const before = read(resolveIn(cwd, f.path));
    if (before === null) {
      writes.push({ abs: target, before: null, after: null, fragment: added, note: 'the patched file is not on disk' });
      continue;
    }
    const applied = applyPatchHunks(before, f.hunks);
    writes.push(applied.ok ? { abs: target, before, after: applied.text } : { abs: target, before, after: null, fragment: added, note: applied.error });
  }
  return writes;
}

function parseGemini(ev: Json, read: (p: string) => string | null): Parsed | null {
  const event = str(ev.hook_event_name);
  const phase = event === 'BeforeTool' ? 'pre' : event === 'AfterTool' ? 'post' : null;
  if (!phase) return null;
  const cwd = str(ev.cwd) ?? process.cwd();
  const tool = str(ev.tool_name);
  const input = (ev.tool_input ?? {}) as Json;
  const file = str(input.file_path);
  if (!file) return null;
  const abs = resolveIn(cwd, file);
  if (tool === 'write_file' && typeof input.content === 'string') return { phase, cwd, writes: [fullWrite(abs, input.content, phase, read)] };
  if (tool === 'replace') {
    const e: StringEdit = {
      old_string: str(input.old_string) ?? '',
      new_string: str(input.new_string) ?? '',
      expected_replacements: typeof input.expected_replacements === 'number' ? input.expected_replacements : undefined,
    };
    return { phase, cwd, writes: [stringEditWrite(abs, [e], phase, read)] };
  }
  return null;
}

function parseCopilot(ev: Json, read: (p: string) => string | null): Parsed | null {
  const tool = str(ev.toolName);
  if (!tool) return null;
  const cwd = str(ev.cwd) ?? process.cwd();
  let args: Json = {};
  if (typeof ev.toolArgs === 'string') {
    try {
      args = JSON.parse(ev.toolArgs) as Json;
    } catch {
      return null;
    }
  } else if (ev.toolArgs && typeof ev.toolArgs === 'object') args = ev.toolArgs as Json;
  const file = str(args.path) ?? str(args.file_path) ?? str(args.filePath);
  if (!file) return null;
  const abs = resolveIn(cwd, file);
  const content = str(args.file_text) ?? str(args.content);
  if (content !== undefined) return { phase: 'pre', cwd, writes: [fullWrite(abs, content, 'pre', read)] };
  const newStr = str(args.new_str) ?? str(args.new_string);
  if (newStr !== undefined) {
    return { phase: 'pre', cwd, writes: [stringEditWrite(abs, [{ old_string: str(args.old_str) ?? str(args.old_string) ?? '', new_string: newStr }], 'pre', read)] };
  }
  return null;
}

function parseCursor(ev: Json, read: (p: string) => string | null): Parsed | null {
  if (str(ev.hook_event_name) !== 'afterFileEdit') return null;
  const roots = Array.isArray(ev.workspace_roots) ? ev.workspace_roots.filter((r): r is string => typeof r === 'string') : [];
  const cwd = roots[0] ?? process.cwd();
  const file = str(ev.file_path);
  if (!file) return null;
  return { phase: 'post', cwd, writes: [stringEditWrite(resolveIn(cwd, file), editsOf(ev.edits), 'post', read)] };
}

interface Judged {
  display: string;
  findings: CompactFinding[];
  notes: string[];
  /** Checks that did not run on this write (the agent is told, so it does not read as clean). */
  unchecked: string[];
}

function judge(p: Parsed, scanner: Scanner, manifests?: ManifestVerdicts): Judged[] {
  const out: Judged[] = [];
  for (const w of p.writes) {
    const display = path.relative(p.cwd, w.abs).split(path.sep).join('/') || path.basename(w.abs);
    const notes: string[] = [];
    let introduced: Finding[];
    if (w.after !== null) {
      const change = scanChange(scanner, display, w.before, w.after);
      introduced = change.introduced;
      // a file that could not be analysed (too large, binary, parse timeout) was not checked: say so
      for (const e of change.result.errors) if (e.level === 'error') notes.push(`${display}: not checked: ${e.message}`);
    } else {
      // the edit could not be applied to the file: judge the inserted code alone
      notes.push(`${display}: ${w.note ?? 'could not reconstruct the file'}; scanned the inserted text alone`);
      const lang = languageForPath(display) ?? undefined;
      const r = scanner.scanText(display, w.fragment ?? '', lang);
      introduced = r.findings.filter((f) => !f.suppressed);
      for (const e of r.errors) if (e.level === 'error') notes.push(`${display}: not checked: ${e.message}`);
    }
    const deps = manifests?.get(w.abs);
    if (deps) introduced = [...introduced, ...deps.findings];
    out.push({ display, findings: introduced.map(compactFinding), notes, unchecked: deps?.notes ?? [] });
  }
  return out;
}

function describe(judged: Judged[], blocking: boolean, phase: 'pre' | 'post', threshold: Severity | 'none'): string {
  const lines: string[] = [];
  const all = judged.flatMap((j) => j.findings.map((f) => ({ j, f })));
  const files = [...new Set(all.map((x) => x.j.display))].join(', ');
  if (blocking) {
    lines.push(
      phase === 'pre'
        ? `redpen blocked this write to ${files}: it would add ${all.length} security problem(s) (blocking at ${threshold} and above).`
        : `redpen found ${all.length} security problem(s) this edit added to ${files}; fix them before going on.`,
    );
  } else lines.push(`redpen: this write adds ${all.length} lower-severity security finding(s) in ${files}:`);
  for (const { j, f } of all) lines.push(`- ${findingLine(f, j.display)}`);
  if (blocking) lines.push('Change the code as each Fix says and write it again. If you believe a finding is wrong, tell the user rather than working around it.');
  return lines.join('\n');
}

function parse(agent: Agent, ev: Json, read: (p: string) => string | null): Parsed | null {
  switch (agent) {
    case 'claude':
    case 'codex':
      return parseClaudeLike(ev, read);
    case 'gemini':
      return parseGemini(ev, read);
    case 'copilot':
      return parseCopilot(ev, read);
    case 'cursor':
      return parseCursor(ev, read);
  }
}

const ALLOW: HookOutput = { stdout: '', stderr: '', exitCode: 0 };

/** Read an event: the writes to judge, or the answer when there is nothing to judge. */
export function prepareHook(agent: Agent, input: string, readFile: (abs: string) => string | null = readDisk): { parsed: Parsed } | { output: HookOutput } {
  let ev: Json;
  try {
    const v = JSON.parse(input) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    ev = v as Json;
  } catch (e) {
    return { output: { stdout: '', stderr: `redpen hook ${agent}: the hook event on stdin is not valid JSON (${(e as Error).message}); the write was not checked\n`, exitCode: 1 } };
  }
  try {
    const parsed = parse(agent, ev, readFile);
    if (!parsed || parsed.writes.length === 0) return { output: agent === 'cursor' ? { ...ALLOW, stdout: '{}' } : ALLOW };
    return { parsed };
  } catch (e) {
    return { output: { stdout: '', stderr: `redpen hook ${agent}: could not read the event: ${(e as Error).message}\n`, exitCode: 1 } };
  }
}

/**
 * Judge prepared writes and answer in the agent's protocol. `manifests`: the dependency
 * checks' verdicts on the manifests the event writes (checkManifestWrites, async).
 */
export function judgeHook(agent: Agent, parsed: Parsed, scanner: Scanner, failOn: Severity | 'none' = 'high', manifests?: ManifestVerdicts): HookOutput {
  let judged: Judged[];
  try {
    judged = judge(parsed, scanner, manifests);
  } catch (e) {
    return { stdout: '', stderr: `redpen hook ${agent}: could not check the write: ${(e as Error).message}\n`, exitCode: 1 };
  }
  const all = judged.flatMap((j) => j.findings);
  const notes = judged.flatMap((j) => j.notes);
  const unchecked = judged.flatMap((j) => j.unchecked);
  const noteText = notes.length ? `\n(${notes.join('; ')})` : '';
  const uncheckedText = unchecked.length ? `\nredpen could not check everything in this write:\n${unchecked.map((u) => `- ${u}`).join('\n')}` : '';
  if (all.length === 0) {
    // what could not be checked reaches the agent as context: no finding is not a clean bill here
    if (unchecked.length) return respond(agent, parsed.phase, false, `redpen found no problem in what it could check.${uncheckedText}${noteText}`);
    if (notes.length === 0) return agent === 'cursor' ? { ...ALLOW, stdout: '{}' } : ALLOW;
    return respond(agent, parsed.phase, false, `redpen: ${notes.join('; ')}`);
  }
  const blocking = partition(all, failOn).blocking.length > 0;
  const text = describe(judged, blocking, parsed.phase, failOn) + uncheckedText + noteText;
  return respond(agent, parsed.phase, blocking, text);
}

/** Handle one hook event with the dependency checks on written manifests (see hooks/deps.ts). */
export async function runHookChecked(agent: Agent, input: string, o: HookOptions & { deps?: HookDepsOptions | false }): Promise<HookOutput> {
  const p = prepareHook(agent, input, o.readFile ?? readDisk);
  if ('output' in p) return p.output;
  const manifests = o.deps === false ? undefined : await checkManifestWrites(p.parsed, o.deps);
  return judgeHook(agent, p.parsed, o.scanner, o.failOn ?? 'high', manifests);
}

/** Handle one hook event. Never throws: a bad event fails open with exit status 1 and a message. */
export function runHook(agent: Agent, input: string, o: HookOptions): HookOutput {
  const p = prepareHook(agent, input, o.readFile ?? readDisk);
  if ('output' in p) return p.output;
  return judgeHook(agent, p.parsed, o.scanner, o.failOn ?? 'high');
}

function json(v: unknown): string {
  return `${JSON.stringify(v)}\n`;
}

function respond(agent: Agent, phase: 'pre' | 'post', blocking: boolean, text: string): HookOutput {
  switch (agent) {
    case 'claude':
    case 'codex':
      if (phase === 'pre') {
        const out = blocking
          ? { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: text } }
          : { hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: text } };
        return { stdout: json(out), stderr: '', exitCode: 0 };
      }
      return {
        stdout: json(blocking ? { decision: 'block', reason: text } : { hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: text } }),
        stderr: '',
        exitCode: 0,
      };
    case 'gemini':
      if (phase === 'pre') return { stdout: json(blocking ? { decision: 'deny', reason: text } : { systemMessage: text }), stderr: '', exitCode: 0 };
      return {
        stdout: json(
          blocking
            ? { decision: 'deny', reason: `The file was written. ${text}` }
            : { hookSpecificOutput: { additionalContext: text } },
        ),
        stderr: '',
        exitCode: 0,
      };
    case 'copilot':
      // Copilot acts only on a deny; anything else would be ignored, so warnings go to stderr
      return blocking ? { stdout: json({ permissionDecision: 'deny', permissionDecisionReason: text }), stderr: '', exitCode: 0 } : { stdout: '', stderr: `${text}\n`, exitCode: 0 };
    case 'cursor':
      return { stdout: '{}', stderr: `${text}\n`, exitCode: 0 };
  }
}
