/**
 * The inference-time guard's judgement of one model response: scan the code in it (fenced
 * blocks in markdown, or the whole text when it is bare code) and decide, per policy, to pass
 * it, annotate it (append the findings), or block it.
 *
 * Invariants:
 * - `check` is synchronous on a warm Scanner: the proxy calls it while a stream is held.
 * - The annotation names each finding's line in the response, rule, CWE and fix; it quotes
 *   no code and no secret (compact findings carry neither).
 * - Under `block`, the result's text withholds the code: it is the block message.
 * - Code in tool calls (src/guard/tools.ts) is judged with the text of the same answer: one
 *   decision, one annotation, each finding saying where it is.
 */
import { createScanner, type ScanOptions } from '../api.js';
import type { Scanner } from '../core/scanner.js';
import type { Finding, LanguageId, Severity } from '../core/types.js';
import { sniffLanguage } from '../languages/index.js';
import { compactFinding, findingLine, partition, type CompactFinding } from '../surfaces/compact.js';

export type GuardPolicy = 'pass' | 'annotate' | 'block';
export const POLICIES: readonly GuardPolicy[] = ['pass', 'annotate', 'block'];

export interface GuardOptions {
  policy?: GuardPolicy;
  /** Lowest severity that blocks under the `block` policy (default high). */
  failOn?: Severity;
  /** Lowest severity reported at all (default low). */
  severity?: Severity;
  /** Language of a bare-code response (completions of a known file). */
  language?: LanguageId;
}

export interface GuardResult {
  action: GuardPolicy;
  findings: CompactFinding[];
  /** The findings that made the action `block`. */
  blocking: CompactFinding[];
  /** The text to deliver: the original, with the annotation appended, or (block) the block message. */
  text: string;
  annotation: string | null;
  /** Whether the response held any code redpen parsed. */
  hadCode: boolean;
}

const FENCE = /^\s{0,3}(```|~~~)/m;

export function annotationFor(findings: CompactFinding[]): string {
  const lines = [`\n\n---\nredpen found ${findings.length} security problem(s) in the code above:`];
  for (const f of findings) lines.push(`- ${findingLine(f)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The findings in a text: a file's content by its name when `filename` tells the language,
 * else fenced blocks in markdown, else the whole text when it reads as code.
 */
export function findCode(scanner: Scanner, text: string, o: { language?: LanguageId; filename?: string } = {}): { findings: CompactFinding[]; hadCode: boolean } {
  const compact = (r: { findings: Finding[] }) => r.findings.filter((f) => !f.suppressed).map(compactFinding);
  if (o.filename) {
    const r = scanner.scanText(o.filename, text);
    if (r.language && r.language !== 'text') return { findings: compact(r), hadCode: true };
  }
  let result;
  if (FENCE.test(text)) result = scanner.scanText('response.md', text);
  else {
    const lang = o.language ?? sniffLanguage(text);
    if (lang) result = scanner.scanText('response', text, lang);
  }
  return { findings: result ? compact(result) : [], hadCode: result !== undefined };
}

/** The policy's decision on an answer's findings; `text` is the answer's text. */
export function decide(findings: CompactFinding[], text: string, hadCode: boolean, options: GuardOptions = {}): GuardResult {
  const policy = options.policy ?? 'annotate';
  const shown = partition(findings, options.severity ?? 'low').blocking;
  const blocking = policy === 'block' ? partition(shown, options.failOn ?? 'high').blocking : [];
  if (policy === 'pass' || shown.length === 0) return { action: 'pass', findings: shown, blocking: [], text, annotation: null, hadCode };
  if (blocking.length > 0) return { action: 'block', findings: shown, blocking, text: blockMessage({ blocking, findings: shown }), annotation: null, hadCode };
  const annotation = annotationFor(shown);
  return { action: 'annotate', findings: shown, blocking: [], text: text + annotation, annotation, hadCode };
}

/** Judge a response with a warm scanner (synchronous). */
export function checkText(scanner: Scanner, text: string, options: GuardOptions = {}): GuardResult {
  const { findings, hadCode } = findCode(scanner, text, { language: options.language });
  return decide(findings, text, hadCode, options);
}

/** The message a blocked response is replaced with. */
export function blockMessage(r: Pick<GuardResult, 'blocking' | 'findings'>): string {
  const lines = [`redpen blocked this response: its code has ${r.blocking.length} security problem(s).`];
  for (const f of r.blocking) lines.push(`- ${findingLine(f)}`);
  lines.push('Ask the model again with the fixes above.');
  return lines.join('\n');
}

let shared: Promise<Scanner> | null = null;

/**
 * Judge a model response held by an application (no proxy). The first call loads grammars and
 * rules; pass `scanner` (from createScanner) to control that yourself.
 */
export async function guardText(text: string, options: GuardOptions & { scanner?: Scanner; scan?: ScanOptions } = {}): Promise<GuardResult> {
  let scanner = options.scanner;
  if (!scanner) {
    if (options.scan) scanner = await createScanner(options.scan);
    else scanner = await (shared ??= createScanner());
  }
  return checkText(scanner, text, options);
}
