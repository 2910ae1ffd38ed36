/**
 * Applying fixes to a text: edits applied back to front so offsets stay valid; an edit that
 * overlaps one already applied is skipped and reported, never merged blindly.
 */
import type { Finding, TextEdit } from '../core/types.js';

export interface ApplyResult {
  text: string;
  applied: number;
  skipped: TextEdit[];
}

export function applyEdits(text: string, edits: TextEdit[]): ApplyResult {
  const sorted = [...edits].sort((a, b) => b.location.start.offset - a.location.start.offset || b.location.end.offset - a.location.end.offset);
  let out = text;
  let limit = Infinity;
  let applied = 0;
  const skipped: TextEdit[] = [];
  for (const e of sorted) {
    const s = e.location.start.offset;
    const t = e.location.end.offset;
    if (t > limit || s > t) {
      skipped.push(e);
      continue;
    }
    out = out.slice(0, s) + e.replacement + out.slice(t);
    limit = s;
    applied++;
  }
  return { text: out, applied, skipped };
}

/** Apply the fixes of the findings (not suppressed ones) that target `path`. */
export function applyFixes(text: string, findings: Finding[], path: string): ApplyResult {
  const edits = findings.filter((f) => f.fix && !f.suppressed).flatMap((f) => f.fix!.edits.filter((e) => e.location.path === path));
  return applyEdits(text, edits);
}
