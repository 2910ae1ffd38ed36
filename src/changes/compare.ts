/**
 * What a change introduced: the findings of the new text whose fingerprints the old text does
 * not have, restricted to the lines the change touched. Used by `scan --staged/--diff` (old =
 * the base revision) and by the agent hooks (old = the file on disk before the edit).
 *
 * Why both conditions: fingerprints ignore line numbers, so an unchanged finding that merely
 * moved is not new; and a finding whose code the change did not touch (say, a second identical
 * call elsewhere gets a new occurrence index) is not the change's doing unless its span or its
 * data-flow trace crosses a changed line.
 */
import { structuredPatch } from 'diff';
import type { Scanner } from '../core/scanner.js';
import { fingerprintsOf } from '../core/related.js';
import type { FileResult, Finding, LanguageId } from '../core/types.js';

/** 1-based line numbers of `after` that were added or modified relative to `before`. */
export function changedLines(before: string | null, after: string): Set<number> {
  const out = new Set<number>();
  if (before === null) {
    const n = after.split('\n').length;
    for (let i = 1; i <= n; i++) out.add(i);
    return out;
  }
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, { context: 0 });
  for (const h of patch.hunks) {
    let line = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith('+')) out.add(line++);
      else if (l.startsWith(' ')) line++;
      // '-' lines and '\ No newline' markers do not advance the new side
    }
    // a pure deletion touches the lines around it: the code there now runs without what was removed
    // (jsdiff numbers an empty new side by the line that follows the deletion)
    if (h.newLines === 0) {
      if (h.newStart > 1) out.add(h.newStart - 1);
      out.add(h.newStart);
    }
  }
  return out;
}

function touches(f: Finding, lines: Set<number>): boolean {
  const spans = [f.location, ...(f.trace ?? []).map((s) => s.location)];
  for (const loc of spans) {
    for (let l = loc.start.line; l <= loc.end.line; l++) if (lines.has(l)) return true;
  }
  return false;
}

export interface ChangeScan {
  /** The new text's scan, with pre-existing findings marked suppressed (kind 'baseline'). */
  result: FileResult;
  /** Findings the change introduced (not suppressed by the scan itself). */
  introduced: Finding[];
}

/**
 * Scan `after` and mark every finding the change did not introduce as suppressed with the
 * reason given, so callers still list it (never dropped) but do not count it.
 */
export function scanChange(scanner: Scanner, path: string, before: string | null, after: string, options: { language?: LanguageId; reason?: string } = {}): ChangeScan {
  const result = scanner.scanText(path, after, options.language);
  const old = new Set<string>();
  if (before !== null) for (const f of scanner.scanText(path, before, options.language).findings) for (const fp of fingerprintsOf(f)) old.add(fp);
  const lines = changedLines(before, after);
  const introduced: Finding[] = [];
  for (const f of result.findings) {
    if (f.suppressed) continue;
    if (old.has(f.fingerprint) || !touches(f, lines)) {
      f.suppressed = { kind: 'baseline', reason: options.reason ?? 'present before this change' };
      continue;
    }
    introduced.push(f);
  }
  return { result, introduced };
}
