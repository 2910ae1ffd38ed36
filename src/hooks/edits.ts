/**
 * The file an agent's edit would produce, computed from the file on disk and the edit, so a
 * pre-write hook judges the code that would land (not a fragment that may not parse alone).
 *
 * Two edit shapes: string replacements (Claude Code Edit/MultiEdit, Gemini CLI replace,
 * Cursor's edits list) and Codex's apply_patch text. When an edit cannot be located the result
 * says so; callers then fall back to scanning the inserted text alone and say that they did.
 */

export interface StringEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
  /** Gemini CLI's `replace`: how many occurrences to replace (default 1). */
  expected_replacements?: number;
}

export type EditResult = { ok: true; text: string } | { ok: false; error: string };

/** Apply string replacements in order, as the agents' edit tools do. */
export function applyEdits(original: string | null, edits: StringEdit[]): EditResult {
  let text = original ?? '';
  for (const [i, e] of edits.entries()) {
    if (typeof e.old_string !== 'string' || typeof e.new_string !== 'string') return { ok: false, error: `edit ${i + 1} has no old_string/new_string` };
    if (e.old_string === '') {
      // an empty old_string creates the file (Claude Code, Gemini CLI)
      if (original === null && i === 0) {
        text = e.new_string;
        continue;
      }
      return { ok: false, error: `edit ${i + 1} has an empty old_string for an existing file` };
    }
    if (!text.includes(e.old_string)) return { ok: false, error: `edit ${i + 1}: old_string not found in the file` };
    if (e.replace_all) {
      text = text.split(e.old_string).join(e.new_string);
      continue;
    }
    // the first n occurrences (Gemini CLI's expected_replacements; 1 for everyone else)
    const n = Math.max(1, e.expected_replacements ?? 1);
    let out = '';
    let rest = text;
    for (let done = 0; done < n; done++) {
      const k = rest.indexOf(e.old_string);
      if (k < 0) break;
      out += rest.slice(0, k) + e.new_string;
      rest = rest.slice(k + e.old_string.length);
    }
    text = out + rest;
  }
  return { ok: true, text };
}

/** Undo string replacements on the edited text (the text before a post-write hook's edit). */
export function revertEdits(edited: string, edits: StringEdit[]): string | null {
  let text = edited;
  for (const e of [...edits].reverse()) {
    if (e.new_string === '' || !text.includes(e.new_string)) return null;
    text = e.replace_all ? text.split(e.new_string).join(e.old_string) : text.replace(e.new_string, () => e.old_string);
  }
  return text;
}

/** The text every edit inserts, joined: what to scan when the edit cannot be applied. */
export function insertedText(edits: StringEdit[]): string {
  return edits.map((e) => e.new_string ?? '').join('\n');
}

// ---- Codex apply_patch ----

export interface PatchFile {
  kind: 'add' | 'update' | 'delete';
  path: string;
  moveTo?: string;
  /** add: the content lines; update: hunks of prefixed lines (' ', '-', '+'). */
  lines: string[];
  hunks: string[][];
}

/** Parse Codex's `*** Begin Patch` ... `*** End Patch` format. */
export function parseCodexPatch(patch: string): PatchFile[] | { error: string } {
  const lines = patch.replace(/\r\n/g, '\n').split('\n');
  let i = lines.findIndex((l) => l.trim() === '*** Begin Patch');
  if (i < 0) return { error: 'not an apply_patch body (no "*** Begin Patch")' };
  i++;
  const files: PatchFile[] = [];
  let cur: PatchFile | null = null;
  let hunk: string[] | null = null;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '*** End Patch') break;
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(l);
    if (header) {
      cur = { kind: header[1].toLowerCase() as PatchFile['kind'], path: header[2].trim(), lines: [], hunks: [] };
      files.push(cur);
      hunk = null;
      continue;
    }
    if (!cur) continue;
    const move = /^\*\*\* Move to: (.+)$/.exec(l);
    if (move) {
      cur.moveTo = move[1].trim();
      continue;
    }
    if (l.startsWith('*** End of File')) continue;
    if (cur.kind === 'add') {
      if (l.startsWith('+')) cur.lines.push(l.slice(1));
      continue;
    }
    if (cur.kind === 'update') {
      if (l.startsWith('@@')) {
        hunk = [];
        cur.hunks.push(hunk);
        continue;
      }
      if (l.startsWith(' ') || l.startsWith('-') || l.startsWith('+') || l === '') {
        if (!hunk) {
          hunk = [];
          cur.hunks.push(hunk);
        }
        hunk.push(l === '' ? ' ' : l);
      }
    }
  }
  return files;
}

function findBlock(haystack: string[], needle: string[], from: number): number {
  const eqs: ((a: string, b: string) => boolean)[] = [(a, b) => a === b, (a, b) => a.trimEnd() === b.trimEnd(), (a, b) => a.trim() === b.trim()];
  for (const eq of eqs) {
    for (let s = from; s + needle.length <= haystack.length; s++) {
      let ok = true;
      for (let k = 0; k < needle.length && ok; k++) ok = eq(haystack[s + k], needle[k]);
      if (ok) return s;
    }
  }
  return -1;
}

/** Apply one update's hunks to the file's text (context matched exactly, then ignoring trailing or all surrounding whitespace). */
export function applyPatchHunks(original: string, hunks: string[][]): EditResult {
  const trailingNewline = original.endsWith('\n');
  const out = (trailingNewline ? original.slice(0, -1) : original).split('\n');
  let cursor = 0;
  for (const [n, h] of hunks.entries()) {
    const oldLines = h.filter((l) => !l.startsWith('+')).map((l) => l.slice(1));
    const newLines = h.filter((l) => !l.startsWith('-')).map((l) => l.slice(1));
    if (oldLines.length === 0) {
      out.splice(out.length, 0, ...newLines);
      continue;
    }
    const at = findBlock(out, oldLines, cursor);
    if (at < 0) return { ok: false, error: `hunk ${n + 1} does not match the file` };
    out.splice(at, oldLines.length, ...newLines);
    cursor = at + newLines.length;
  }
  return { ok: true, text: out.join('\n') + (trailingNewline ? '\n' : '') };
}
