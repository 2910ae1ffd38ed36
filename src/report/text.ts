/**
 * Human output: one block per finding with the rule, CWE, message and a code frame with the
 * span underlined; traces compactly (or with frames under --explain); then errors and a summary.
 */
import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import { snippetColumn } from '../core/bound.js';
import { atLeast } from '../core/severity.js';
import type { Finding, Location, ScanError, ScanResult, Severity, TraceStep, Unchecked } from '../core/types.js';
import type { Reporter, ReportOptions } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

function sevColor(c: Colors, s: Severity): (t: string) => string {
  switch (s) {
    case 'critical':
      return (t) => c.bold(c.magenta(t));
    case 'high':
      return (t) => c.bold(c.red(t));
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.dim;
  }
}

export function where(loc: Location): string {
  if (loc.cell !== undefined) return `${loc.path} [cell ${loc.cell + 1}, line ${loc.cellLine ?? loc.start.line}]`;
  return `${loc.path}:${loc.start.line}:${loc.start.column}`;
}

/**
 * A code frame built from the finding's own (redacted) snippet, with real line numbers.
 * `redacted`: the secret's redacted form in the snippet, underlined in place of the source
 * columns (the redaction is shorter or longer than the value it replaces).
 */
function frame(snippet: string, loc: Location, color: boolean, redacted?: string, from?: number): string {
  if (!snippet) return '';
  if (from !== undefined) loc = inSnippet(loc, from);
  if (redacted) {
    const at = redactedColumn(snippet.split('\n')[0] ?? '', redacted, loc.cellColumn ?? loc.start.column);
    if (at !== null) {
      const line = loc.cell !== undefined ? (loc.cellLine ?? 1) : loc.start.line;
      const col = { line, column: at };
      const endCol = { line, column: at + redacted.length };
      loc = loc.cell !== undefined ? { ...loc, cellLine: line, cellColumn: at, cellEnd: endCol } : { ...loc, start: { ...loc.start, ...col }, end: { ...loc.end, ...endCol } };
    }
  }
  const notebook = loc.cell !== undefined;
  const startLine = notebook ? (loc.cellLine ?? 1) : loc.start.line;
  const snippetLines = snippet.split('\n');
  // a notebook's start/end count the .ipynb's JSON text; the cell's own columns match the snippet
  let start = { line: startLine, column: notebook ? (loc.cellColumn ?? 1) : loc.start.column };
  let end = notebook
    ? loc.cellEnd ?? { line: startLine, column: (snippetLines[0]?.length ?? 0) + 1 }
    : { line: loc.end.line, column: loc.end.column };
  const lastLine = startLine + snippetLines.length - 1;
  if (end.line > lastLine) end = { line: lastLine, column: (snippetLines[snippetLines.length - 1]?.length ?? 0) + 1 };
  if (end.line === start.line && end.column <= start.column) end = { line: end.line, column: start.column + 1 };
  start = { line: start.line, column: Math.max(1, start.column) };
  const padded = '\n'.repeat(startLine - 1) + snippet;
  return codeFrameColumns(padded, { start, end }, { highlightCode: false, forceColor: color, linesAbove: 0, linesBelow: 0 })
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** A location's first-line columns as columns of a snippet whose first line was cut at `from`. */
function inSnippet(loc: Location, from: number): Location {
  const out: Location = { ...loc, start: { ...loc.start, column: snippetColumn(loc.start.column, from) } };
  if (loc.end.line === loc.start.line) out.end = { ...loc.end, column: snippetColumn(loc.end.column, from) };
  if (loc.cellColumn !== undefined) out.cellColumn = snippetColumn(loc.cellColumn, from);
  if (loc.cellEnd && loc.cellEnd.line === (loc.cellLine ?? 1)) out.cellEnd = { ...loc.cellEnd, column: snippetColumn(loc.cellEnd.column, from) };
  return out;
}

/** 1-based column of the occurrence of `redacted` in `line` nearest to `near`, if any. */
function redactedColumn(line: string, redacted: string, near: number): number | null {
  let best: number | null = null;
  for (let i = line.indexOf(redacted); i !== -1; i = line.indexOf(redacted, i + 1)) {
    if (best === null || Math.abs(i + 1 - near) < Math.abs(best - near)) best = i + 1;
  }
  return best;
}

/** The code a step points at (its span on the step's line), else its message. */
function stepText(s: TraceStep): string {
  const loc = s.snippetFrom !== undefined ? inSnippet(s.location, s.snippetFrom) : s.location;
  const start = loc.cellColumn !== undefined ? { line: loc.cellLine ?? 1, column: loc.cellColumn } : loc.start;
  const end = loc.cellEnd ?? loc.end;
  if (s.snippet && start.line === end.line && end.column > start.column) {
    const t = s.snippet.slice(start.column - 1, end.column - 1).replace(/\s+/g, ' ');
    if (t) return t.length > 30 ? `${t.slice(0, 27)}...` : t;
  }
  return s.message;
}

function traceLine(steps: TraceStep[]): string {
  return steps.map((s) => `${stepText(s)}:${s.location.cellLine ?? s.location.start.line}`).join(' → ');
}

function renderFinding(f: Finding, o: ReportOptions, c: Colors): string {
  const head = [
    sevColor(c, f.severity)(f.severity.toUpperCase().padEnd(8)),
    c.bold(f.ruleId),
    f.cwe.length ? c.dim(f.cwe.join(', ')) : '',
    f.suppressed ? c.dim(`(suppressed${f.suppressed.reason ? `: ${f.suppressed.reason}` : ''})`) : '',
  ].filter(Boolean).join('  ');
  const lines = [head, `    ${c.underline(where(f.location))}`];
  for (const l of wrap(f.message, 96)) lines.push(`    ${l}`);
  const fr = frame(f.snippet, f.location, o.color ?? false, f.secret?.redacted, f.snippetFrom);
  if (fr) lines.push(fr);
  if (f.trace && f.trace.length > 0) {
    if (o.explain) {
      lines.push(`    ${c.bold('data flow:')}`);
      f.trace.forEach((s, i) => {
        lines.push(`    ${i + 1}. ${s.kind}: ${s.message}  ${c.dim(where(s.location))}`);
        if (s.snippet) {
          const sub = frame(s.snippet, { ...s.location, end: s.location.end.line === s.location.start.line ? s.location.end : { ...s.location.start, column: s.location.start.column + 1 } }, o.color ?? false, undefined, s.snippetFrom);
          if (sub) lines.push(sub.split('\n').map((l) => `   ${l}`).join('\n'));
        }
      });
    } else {
      lines.push(`    ${c.dim('flow:')} ${traceLine(f.trace)}`);
    }
  }
  if (f.fix) lines.push(`    ${c.green('fix:')} ${f.fix.description}`);
  for (const r of f.related ?? []) {
    lines.push(`    ${c.dim('also:')} ${r.ruleId}  ${c.dim(`${r.severity}${r.cwe.length ? `, ${r.cwe.join(', ')}` : ''}`)}  ${where(r.location)}`);
  }
  return lines.join('\n');
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (!word) continue;
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  return out;
}

function renderError(e: ScanError, c: Colors): string {
  const tag = e.level === 'error' ? c.red('error') : c.yellow('warning');
  const at = e.location ? `${e.location.path}:${e.location.start.line}:${e.location.start.column}` : e.path;
  return `${tag} ${c.dim(`[${e.kind}]`)} ${at}: ${e.message}`;
}

const SKIP_LABELS: [key: string, one: string, many: string][] = [
  ['ignored', 'ignored', 'ignored'],
  ['excluded', 'excluded', 'excluded'],
  ['default-folder', 'default folder', 'default folders'],
  ['generated', 'generated', 'generated'],
  ['binary', 'binary', 'binary'],
  ['symlink', 'symlink', 'symlinks'],
  ['special', 'special file', 'special files'],
];

/** "9 paths skipped (1 ignored, 4 symlinks, ...)", or '' when the walk skipped nothing. */
function skippedText(skipped: Record<string, number> | undefined): string {
  if (!skipped) return '';
  const parts: string[] = [];
  let total = 0;
  for (const [key, one, many] of SKIP_LABELS) {
    const n = skipped[key] ?? 0;
    if (n) parts.push(`${n} ${n === 1 ? one : many}`);
    total += n;
  }
  for (const [key, n] of Object.entries(skipped)) {
    if (n && !SKIP_LABELS.some(([k]) => k === key)) {
      parts.push(`${n} ${key}`);
      total += n;
    }
  }
  return total ? `${total} path${total === 1 ? '' : 's'} skipped (${parts.join(', ')})` : '';
}

/**
 * One line per check that did not run: what, for which packages, and why. An entry without
 * packages is a check that ran with less than it needed (an older database, a fallback).
 */
export function uncheckedLine(u: Unchecked): string {
  if (!u.packages?.length) return `${u.check} check incomplete: ${u.reason}`;
  return `${u.check} check did not run for ${u.packages.length} package(s) (${u.packages.slice(0, 5).join(', ')}${u.packages.length > 5 ? ', ...' : ''}): ${u.reason}`;
}

/** Findings below the report threshold that fail the run (the exit status counts them too). */
export function failingBelow(result: ScanResult, failOn: Severity | 'none' | undefined): number {
  if (!failOn || failOn === 'none') return 0;
  return (result.belowThresholdFindings ?? []).filter((f) => atLeast(f.severity, failOn)).length;
}

export function summary(result: ScanResult): string {
  const counts = new Map<Severity, number>();
  for (const f of result.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySev = (['critical', 'high', 'medium', 'low', 'info'] as Severity[])
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
  const n = result.findings.length;
  const parts = [
    `${n} finding${n === 1 ? '' : 's'}${n ? ` (${bySev})` : ''}`,
    `${result.stats.files} file${result.stats.files === 1 ? '' : 's'} scanned`,
  ];
  const related = result.findings.reduce((n, f) => n + (f.related?.length ?? 0), 0);
  if (related) parts.push(`${related} related (the same flaw found by another rule, listed as "also")`);
  const skipped = skippedText(result.stats.skipped);
  if (skipped) parts.push(skipped);
  if (result.stats.suppressed) parts.push(`${result.stats.suppressed} suppressed`);
  if (result.stats.belowThreshold) parts.push(`${result.stats.belowThreshold} below the severity threshold`);
  const errs = result.errors.filter((e) => e.level === 'error').length;
  const warns = result.errors.length - errs;
  if (errs) parts.push(`${errs} error${errs === 1 ? '' : 's'}`);
  if (warns) parts.push(`${warns} warning${warns === 1 ? '' : 's'}`);
  const notRun = (result.unchecked ?? []).filter((u) => u.packages?.length).length;
  const partial = (result.unchecked ?? []).length - notRun;
  if (notRun) parts.push(`${notRun} check${notRun === 1 ? '' : 's'} did not run`);
  if (partial) parts.push(`${partial} check${partial === 1 ? '' : 's'} incomplete`);
  return parts.join(' · ');
}

export const textReporter: Reporter = {
  format: 'text',
  extension: 'txt',
  render(result, o) {
    const c = pc.createColors(o.color ?? false);
    const blocks: string[] = [];
    for (const f of result.findings) blocks.push(renderFinding(f, o, c));
    if (result.suppressed.length > 0) {
      blocks.push(c.dim(`Suppressed (${result.suppressed.length}):`) + '\n' + result.suppressed.map((f) => `  ${f.ruleId}  ${where(f.location)}${f.suppressed?.reason ? `  -- ${f.suppressed.reason}` : ''}`).join('\n'));
    }
    if (result.errors.length > 0) blocks.push(result.errors.map((e) => renderError(e, c)).join('\n'));
    if (result.unchecked?.length) {
      blocks.push(`${c.yellow('Not checked:')}\n${result.unchecked.map((u) => `  ${uncheckedLine(u)}`).join('\n')}`);
    }
    const tail = [c.bold(summary(result))];
    if (result.config) tail.push(`configuration: ${result.config}`);
    const failing = failingBelow(result, o.failOn);
    if (failing) {
      tail.push(
        `${failing} finding${failing === 1 ? '' : 's'} below the report threshold${result.threshold ? ` (${result.threshold})` : ''} ${failing === 1 ? 'is' : 'are'} at or above --fail-on ${o.failOn}: exit status 1 (lower --severity to list ${failing === 1 ? 'it' : 'them'})`,
      );
    }
    blocks.push(tail.join('\n'));
    return `${blocks.join('\n\n')}\n`;
  },
};
