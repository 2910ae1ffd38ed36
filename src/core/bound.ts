/**
 * Bounded text in findings. A finding quotes its source line (and each trace step its own);
 * in minified code one line is the whole file, so a thousand findings on a 0.9 MB line were a
 * gigabyte of text once copied out of the scanner (to a worker's caller, a cache entry, a JSON
 * report) and ran redpen out of memory. Every string a finding carries is cut here, once, as
 * the last step of scanning a document, after detectors have redacted secrets (so a cut can
 * never split a value before it is scrubbed).
 *
 * Invariant: a cut is marked with `…`; a snippet whose first line was cut at the start says
 * where it starts (`snippetFrom`), so reporters can still point at the span's columns.
 */
import type { Finding, Location, TraceStep } from './types.js';

/** A snippet line longer than this is cut to a window around the span. */
export const SNIPPET_LINE_MAX = 400;
/** How much of the line before the span's start the window keeps. */
const SNIPPET_BEFORE = 120;
/** Messages and metavariable values. */
export const FINDING_TEXT_MAX = 2_000;
/** A fix whose replacement is longer than this is not offered (nobody reviews a fix that size). */
export const FIX_TEXT_MAX = 100_000;

const ELLIPSIS = '…';

export function clipText(s: string, max = FINDING_TEXT_MAX): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}${ELLIPSIS}`;
}

/**
 * A snippet with each line at most SNIPPET_LINE_MAX characters: the first line as a window
 * around `column` (1-based), the others from their start. `from` is the 1-based column of the
 * first kept character of the first line when its start was cut (a `…` stands before it).
 */
export function clipSnippet(snippet: string, column: number): { text: string; from?: number } {
  if (snippet.length <= SNIPPET_LINE_MAX && !snippet.includes('\n')) return { text: snippet };
  const lines = snippet.split('\n');
  let from: number | undefined;
  const out = lines.map((line, i) => {
    if (line.length <= SNIPPET_LINE_MAX) return line;
    if (i > 0) return `${line.slice(0, SNIPPET_LINE_MAX)}${ELLIPSIS}`;
    const start = Math.max(0, Math.min(column - 1 - SNIPPET_BEFORE, line.length - SNIPPET_LINE_MAX));
    const end = start + SNIPPET_LINE_MAX;
    if (start > 0) from = start + 1;
    return `${start > 0 ? ELLIPSIS : ''}${line.slice(start, end)}${end < line.length ? ELLIPSIS : ''}`;
  });
  return from === undefined ? { text: out.join('\n') } : { text: out.join('\n'), from };
}

function column(loc: Location): number {
  return loc.cellColumn ?? loc.start.column;
}

function boundStep(s: TraceStep): void {
  s.message = clipText(s.message);
  if (s.snippet !== undefined) {
    const c = clipSnippet(s.snippet, column(s.location));
    s.snippet = c.text;
    if (c.from !== undefined) s.snippetFrom = c.from;
  }
}

/** Cut every string of a finding to its bound (in place). */
export function boundFinding(f: Finding): void {
  f.message = clipText(f.message);
  const c = clipSnippet(f.snippet, column(f.location));
  f.snippet = c.text;
  if (c.from !== undefined) f.snippetFrom = c.from;
  if (f.metavars) for (const m of Object.values(f.metavars)) m.text = clipText(m.text);
  if (f.trace) for (const s of f.trace) boundStep(s);
  if (f.fix) {
    if (f.fix.edits.some((e) => e.replacement.length > FIX_TEXT_MAX)) delete f.fix;
    else f.fix.description = clipText(f.fix.description);
  }
}

/**
 * The column within a snippet of a source column: the same unless the snippet's first line was
 * cut at the start (`from`), where one `…` stands for the cut.
 */
export function snippetColumn(sourceColumn: number, from?: number): number {
  return from === undefined ? sourceColumn : Math.max(1, sourceColumn - from + 2);
}
