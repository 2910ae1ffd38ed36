/**
 * Inline suppression: `redpen-ignore` (and Semgrep's `nosemgrep`) comments, on the finding's
 * line or alone on the line above, optionally with rule ids and a reason:
 *
 *   cursor.execute(q)  # redpen-ignore: python.sql-injection -- q is built from constants
 *   // redpen-ignore
 *   eval(code)
 *
 * Suppressed findings are kept and marked, never dropped: reports count and list them.
 * Text-based on purpose: it works the same in every file type (code, .env, YAML, notebooks).
 */
import type { LineIndex } from './ast.js';
import type { Finding, Suppression } from './types.js';

// the rest of the line is `[^\n]*` with no `$` after it: it cannot fail, so nothing is retried
const MARKER = /(?:#|\/\/|\/\*|<!--|--|;|\{\/\*)\s*(redpen-ignore|nosemgrep)\b([^\n]*)/;

export interface SuppressionComment {
  line: number;
  /** Rule ids it names; empty for all rules. */
  ids: string[];
  reason?: string;
  /** The comment is alone on its line (so it covers the next line). */
  standalone: boolean;
}

export function parseSuppression(lineText: string, line: number): SuppressionComment | null {
  if (!lineText.includes('redpen-ignore') && !lineText.includes('nosemgrep')) return null;
  const m = MARKER.exec(lineText);
  if (!m) return null;
  // trimmed first: `\s*(closer)\s*$` rescanned a long run of spaces from every start (quadratic)
  let rest = m[2].trimEnd().replace(/(?:\*\/|-->|\*\/\})$/, '').trim();
  let reason: string | undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) {
    reason = rest.slice(dash + 2).trim() || undefined;
    rest = rest.slice(0, dash).trim();
  }
  let ids: string[] = [];
  if (rest.startsWith(':')) {
    ids = rest.slice(1).split(',').map((s) => s.trim()).filter((s) => /^[\w.\-/]+$/.test(s));
  } else if (rest.startsWith('(')) {
    reason ??= rest.replace(/^\(|\)$/g, '').trim() || undefined;
  }
  const before = lineText.slice(0, m.index).trim();
  return { line, ids, reason, standalone: before === '' };
}

function covers(c: SuppressionComment, ruleId: string): boolean {
  if (c.ids.length === 0) return true;
  return c.ids.some((id) => id === ruleId || ruleId.endsWith(`.${id}`) || ruleId.endsWith(`/${id}`));
}

/** The suppression covering a rule's finding on a line, if any. */
export function suppressionAt(lines: LineIndex, path: string, line: number, ruleId: string, cache = new Map<number, SuppressionComment | null>()): Suppression | undefined {
  const at = (l: number) => {
    let c = cache.get(l);
    if (c === undefined) {
      c = l >= 1 && l <= lines.lineCount ? parseSuppression(lines.lineText(l), l) : null;
      cache.set(l, c);
    }
    return c;
  };
  const same = at(line);
  let hit: SuppressionComment | null = same && covers(same, ruleId) ? same : null;
  if (!hit) {
    const above = at(line - 1);
    if (above && above.standalone && covers(above, ruleId)) hit = above;
  }
  if (!hit) return undefined;
  const pos = { line: hit.line, column: 1, offset: lines.offsetOf(hit.line, 1) };
  const s: Suppression = { kind: 'inline', location: { path, start: pos, end: pos } };
  if (hit.reason) s.reason = hit.reason;
  return s;
}

/** Mark the findings (located in this text) that a suppression comment covers. */
export function applySuppressions(findings: Finding[], lines: LineIndex, path: string): void {
  const cache = new Map<number, SuppressionComment | null>();
  for (const f of findings) {
    // findings in other files (taint through an imported function) carry their own
    if (f.suppressed || f.location.path !== path) continue;
    const s = suppressionAt(lines, path, f.location.start.line, f.ruleId, cache);
    if (s) f.suppressed = s;
  }
}
