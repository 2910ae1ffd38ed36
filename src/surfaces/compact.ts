/**
 * Findings in the compact form the agent-facing surfaces (MCP server, hooks, inference-time
 * guard) hand to a model: one small object per finding with the line, the rule, the CWE ids and
 * one sentence saying what to do instead, so a model can act without reading a report.
 *
 * Invariants:
 * - Built only from the Finding (whose snippet and message detectors already redacted), so
 *   nothing here can leak a secret the scanner hid.
 * - Never suggests suppressing a finding: an agent told how to silence redpen will, so a
 *   sentence of a rule message that names a suppression comment (user rules written for
 *   other tools often do) is left out of what agents see.
 */
import { atLeast } from '../core/severity.js';
import type { Finding, RuleInfo, Severity } from '../core/types.js';

export interface CompactFinding {
  line: number;
  column: number;
  endLine: number;
  rule: string;
  severity: Severity;
  /** CWE ids only (`CWE-78`), without their titles. */
  cwe: string[];
  /** What is wrong (the message's first sentence). */
  problem: string;
  /** One sentence: what to do instead. */
  fix: string;
  /** The autofix's replacement text, when the rule has one. */
  replacement?: string;
  /** Notebook cell (1-based) for notebook findings. */
  cell?: number;
  /** Where the code is when not in the answer's text (the guard: a tool call's argument). */
  where?: string;
  /** Other rules that report the same flaw (core/related.ts). */
  alsoReportedBy?: string[];
}

// Inline suppression comments of redpen and of the tools rule messages are written for.
const SUPPRESSION = /redpen-ignore|nosemgrep|\bnosec\b|\bnoqa\b|eslint-disable|@ts-(?:ignore|expect-error)|pragma:\s*allowlist|\bsuppress(?:ion|ed|es)?\b|\b(?:ignore|exclusion) comment/i;

/** Sentences of a rule message (a period followed by a space or the end ends one), without suppression hints. */
export function sentences(message: string): string[] {
  return message
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z`"'(\[])/)
    .map((s) => s.trim())
    .filter((s) => s && !SUPPRESSION.test(s));
}

// Imperative openings that rule messages use for their advice.
const ADVICE = /^(use|pass|replace|prefer|set|call|keep|validate|store|read|load|move|remove|avoid|parameteri[sz]e|escape|build|hash|generate|enable|disable|check|sanitize|sanitise|quote|bind|restrict|verify|compare|wrap|give|add|rotate|revoke|put|only|never|do not|don't|instead)\b/i;

/** The sentence of a message that says what to do instead (the last one when none reads as advice). */
export function fixSentence(message: string): string {
  const s = sentences(message);
  if (s.length === 0) return '';
  const advice = s.slice(1).find((x) => ADVICE.test(x) || /\binstead\b/i.test(x));
  return advice ?? s[s.length - 1];
}

/** What is wrong: a message's first sentence. */
export function problemSentence(message: string): string {
  return sentences(message)[0] ?? '';
}

/** CWE ids from metadata entries like "CWE-78: Improper Neutralization ...". */
export function cweIds(cwe: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of cwe) {
    const m = /CWE-\d+/i.exec(c);
    if (m && !out.includes(m[0].toUpperCase())) out.push(m[0].toUpperCase());
  }
  return out;
}

export function compactFinding(f: Finding): CompactFinding {
  const out: CompactFinding = {
    line: f.location.cellLine ?? f.location.start.line,
    column: f.location.start.column,
    endLine: f.location.end.line,
    rule: f.ruleId,
    severity: f.severity,
    cwe: cweIds(f.cwe),
    problem: problemSentence(f.message),
    fix: fixSentence(f.message),
  };
  if (f.location.cell !== undefined) out.cell = f.location.cell + 1;
  const edit = f.fix?.edits[0];
  if (edit && f.fix?.edits.length === 1) out.replacement = edit.replacement;
  if (f.related?.length) out.alsoReportedBy = [...new Set(f.related.map((r) => r.ruleId))];
  return out;
}

/** One line per finding, for hook reasons and guard annotations. */
export function findingLine(c: CompactFinding, path?: string): string {
  const where = path ? `${path}:${c.line}` : c.where ? `${c.where}, line ${c.line}` : `line ${c.line}`;
  const cwe = c.cwe.length ? ` (${c.cwe.join(', ')})` : '';
  const also = c.alsoReportedBy?.length ? ` (also reported by ${c.alsoReportedBy.join(', ')})` : '';
  return `${where} ${c.severity} ${c.rule}${cwe}${also}: ${c.problem} Fix: ${c.fix}`;
}

/** Split findings into those at or above a threshold and the rest. */
export function partition<T extends { severity: Severity }>(items: T[], threshold: Severity | 'none'): { blocking: T[]; other: T[] } {
  if (threshold === 'none') return { blocking: [], other: items };
  const blocking = items.filter((f) => atLeast(f.severity, threshold));
  return { blocking, other: items.filter((f) => !blocking.includes(f)) };
}

/** What a rule checks, why it matters and the safe alternative, from its message and metadata. */
export interface RuleExplanation {
  rule: string;
  severity: Severity;
  languages: string[];
  cwe: string[];
  owasp: string[];
  what: string;
  why: string;
  safeAlternative: string;
  /** Code from the rule's own fixture: lines it flags and lines it accepts. */
  examples: { insecure: string[]; safe: string[] };
  references: string[];
}

export function explainRule(info: RuleInfo, examples: { insecure: string[]; safe: string[] } = { insecure: [], safe: [] }): RuleExplanation {
  const message = info.help.split('\n\nReferences:')[0];
  const s = sentences(message);
  const fix = fixSentence(message);
  let what = s[0] ?? '';
  let why = s.slice(1).filter((x) => x !== fix).join(' ');
  // messages often say both in one sentence: "X does Y: consequence."
  const colon = what.indexOf(': ');
  if (!why && colon > 0) {
    why = what.slice(colon + 2).replace(/^./, (c) => c.toUpperCase());
    what = `${what.slice(0, colon)}.`;
  }
  const md = info.metadata;
  return {
    rule: info.id,
    severity: info.severity,
    languages: info.languages,
    cwe: Array.isArray(md.cwe) ? md.cwe : [],
    owasp: Array.isArray(md.owasp) ? md.owasp : [],
    what: what.replace(/\$[A-Z_][A-Z0-9_]*/g, '…'),
    why: why.replace(/\$[A-Z_][A-Z0-9_]*/g, '…'),
    safeAlternative: fix.replace(/\$[A-Z_][A-Z0-9_]*/g, '…'),
    examples,
    references: Array.isArray(md.references) ? md.references : [],
  };
}
