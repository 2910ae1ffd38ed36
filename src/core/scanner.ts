/**
 * Scanning one document: the pipeline parse -> lower -> match -> findings, with no I/O.
 *
 * Invariants:
 * - `scanText` never throws for bad input: every failure becomes a ScanError in the result,
 *   and whatever could still be analysed is (a syntax error in one region does not hide
 *   findings elsewhere; one failing rule does not stop the others).
 * - Findings come out in document order with fingerprints and suppressions applied, every
 *   string in them cut to its bound (core/bound.ts): memory per finding does not grow with
 *   the length of the line it is on.
 * - Nothing leaves a document unredacted: its findings, errors and taint summaries pass the
 *   document's Redaction (secrets/redact.ts) in `seal`, before any cache, report or surface
 *   sees them, and fingerprints hash the redacted text, keyed by the scan's secret key.
 * - A Scanner loads grammars and compiles rules once; `scanText` is synchronous and cheap to
 *   call repeatedly (the library and inference-time guard depend on this).
 */
import { LineIndex, type Tree } from './ast.js';
import { boundFinding } from './bound.js';
import { assignFingerprints } from './fingerprint.js';
import type { Rule } from './rule.js';
import { DEFAULT_MAX_FILE_BYTES, maxBytesFor } from './limits.js';
import { relateFindings } from './related.js';
import { applySuppressions } from './suppress.js';
import type { FileResult, Finding, LanguageId, Location, RuleInfo, ScanError } from './types.js';
import { LANGUAGES, detectLanguage } from '../languages/index.js';
import { markdownUnits, notebookUnits, type Unit } from '../languages/embedded.js';
import { loadLanguage, ParseFailure, parseText } from '../languages/treesitter.js';
import { makeDoc, wordsOf, type Doc, type Evaluator } from '../engine/formula.js';
import type { ModuleTable, ModuleTaint } from '../engine/taint/interfile.js';
import { MatchBudgetExceeded } from '../engine/pattern/match.js';
import { isVulnerableRegex } from '../engine/redos.js';
import { RegexTimeout, startRegexBudget, warmRegexWorker } from '../engine/regex.js';
import { compileRule, type CompiledRule } from '../engine/rules/compile.js';
import { passesPrefilter, runRule } from '../engine/run.js';
import { runTaintRules } from '../engine/taint/run.js';
import { TaintBudgetExceeded } from '../engine/taint/flow.js';
import { defaultSecretKey } from '../secrets/key.js';
import { Redaction, type SecretMark } from '../secrets/redact.js';

/** A capability that inspects documents besides rules (secrets, ...). */
export interface Detector {
  id: string;
  scan(input: DetectorInput): Finding[];
  /**
   * Called once per document with all of its findings (rules and detectors), before
   * suppressions, redaction and fingerprints. A returned array replaces the document's
   * findings (one problem reported once).
   */
  finish?(findings: Finding[]): Finding[] | void;
  /** Whether this detector needs the syntax tree of a code file (default true). */
  needsTree?(text: string, language: LanguageId): boolean;
}

export interface DetectorInput {
  path: string;
  text: string;
  lines: LineIndex;
  language: LanguageId | null;
  /** The lowered tree when the unit is code we parse. */
  tree?: Tree;
  /** 'file' for a whole file; 'code'/'output' for units inside markdown and notebooks. */
  unit: 'file' | 'code' | 'output';
  /**
   * The document's redaction: a detector that finds a secret registers its value here and
   * gets its fingerprint and redacted form; every output of the document then hides it.
   */
  secrets: { mark(value: string): SecretMark };
}

export interface ScannerOptions {
  rules: Rule[];
  detectors?: Detector[];
  /** Bytes above which a file is not analysed (reported as 'too-large'). */
  maxFileBytes?: number;
  parseTimeoutMs?: number;
  maxDepth?: number;
  /** Nodes a document's syntax tree may have (default 2 million): bounded memory per document. */
  maxNodes?: number;
  /** Candidate matches (bindings) one rule may hold on one document (default 1 million). */
  maxBindings?: number;
  /** Time one rule's backtracking regexes may take on one document (default 5 s; engine/regex.ts). */
  regexTimeoutMs?: number;
  /** metavariable-analysis: redos */
  hooks?: Evaluator;
  /** A project scan: files record taint summaries for other files. */
  interfile?: boolean;
  /** Taint interpretation steps per file (default 3 million): bounded cost and memory. */
  taintBudget?: number;
  /** Key of secret fingerprints (secrets/key.ts); default: REDPEN_SECRET_KEY, else this user's key. */
  secretKey?: string;
  /**
   * Report each flaw once, the other findings of it as related (core/related.ts); default on.
   * Off where the caller merges later (project scans, after the cross-file taint pass).
   */
  relate?: boolean;
}

/** A file's result with what its taint analysis offers other files (project scans). */
export interface ScannedFile extends FileResult {
  taint?: ModuleTaint;
}

export { DEFAULT_MAX_FILE_BYTES } from './limits.js';

const MARKDOWN_EXT = /\.(md|markdown|mdx|mdown|txt|chat)$/i;
const NOTEBOOK_EXT = /\.ipynb$/i;

export type DocumentKind = LanguageId | 'markdown' | 'notebook' | 'text';

export function documentKind(path: string | undefined, text: string, language?: LanguageId): DocumentKind {
  if (language) return language;
  if (path && NOTEBOOK_EXT.test(path)) return 'notebook';
  if (path && MARKDOWN_EXT.test(path)) return 'markdown';
  const named = path && path !== '-' && !path.startsWith('<') ? path : undefined;
  // stdin and snippets: a chat transcript with fenced blocks is markdown, whatever its prose says
  // (`[ \t]*`, not `\s*`: indentation cannot run across lines, so a text of blank lines stays linear)
  if (!named && /^[ \t]*(```|~~~)/m.test(text)) return 'markdown';
  return detectLanguage(named, text) ?? 'text';
}

export class Scanner {
  readonly rules: CompiledRule[];
  readonly ruleInfos: RuleInfo[];
  private byLanguage = new Map<LanguageId, CompiledRule[]>();
  private textRules: CompiledRule[];
  private secretKey: string;

  private constructor(
    rules: CompiledRule[],
    private options: ScannerOptions,
  ) {
    this.secretKey = options.secretKey ?? defaultSecretKey();
    this.rules = rules;
    this.ruleInfos = rules.map((r) => r.info);
    for (const l of LANGUAGES) this.byLanguage.set(l.id, rules.filter((r) => r.rule.languages.includes(l.id)));
    this.textRules = rules.filter((r) => r.rule.regexOnly);
  }

  /** Load every grammar and compile the rules (throws RuleLoadError on a bad pattern). */
  static async create(options: ScannerOptions): Promise<Scanner> {
    await Promise.all(LANGUAGES.map((l) => loadLanguage(l)));
    const hooks: Evaluator = { redos: isVulnerableRegex, ...options.hooks };
    const compiled = options.rules.map(compileRule);
    await warmRegexWorker();
    return new Scanner(compiled, { ...options, hooks });
  }

  /** Scan one document. `path` is used for reporting and language detection ('-' for stdin). */
  scanText(path: string, text: string, language?: LanguageId): ScannedFile {
    const result: ScannedFile = { path, findings: [], errors: [], lines: 0, bytes: Buffer.byteLength(text, 'utf8') };
    const lines = new LineIndex(text);
    result.lines = lines.lineCount;
    const max = maxBytesFor(path, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (result.bytes > max) {
      result.errors.push({ path, kind: 'too-large', level: 'error', message: `file is ${result.bytes} bytes, over the ${max}-byte limit (raise it with --max-file-size)` });
      result.skipped = true;
      return result;
    }
    if (text.includes('\u0000')) {
      result.errors.push({ path, kind: 'binary', level: 'error', message: 'file looks binary (contains NUL bytes)' });
      result.skipped = true;
      return result;
    }
    const kind = documentKind(path, text, language);
    result.language = kind;
    const redaction = new Redaction(this.secretKey);
    let findings: Finding[] = [];
    if (kind === 'markdown' || kind === 'notebook') {
      let units: Unit[];
      if (kind === 'markdown') units = markdownUnits(text);
      else {
        const nb = notebookUnits(text);
        if (nb.error) result.errors.push({ path, kind: 'parse', level: 'error', message: nb.error });
        units = nb.units;
      }
      for (const unit of units) findings.push(...this.scanUnit(path, unit, lines, result.errors, kind, redaction));
      // untagged code blocks (fenced or indented) of no recognisable language: say what was not done
      const untyped = units.flatMap((u) => (u.untypedAt ? [u.untypedAt] : []));
      if (untyped.length > 0) {
        const at = untyped.length === 1 ? `code block at line ${untyped[0]}` : `code blocks at lines ${untyped.join(', ')}`;
        result.errors.push({
          path,
          kind: 'unsupported',
          level: 'warning',
          message: `${at}: no language tag and its language could not be inferred, so not scanned with rules (checked for secrets only); tag the block (\`\`\`python, \`\`\`js) to scan it`,
        });
      }
    } else if (kind === 'text') {
      findings.push(...this.runDetectors({ path, text, lines, language: null, unit: 'file', secrets: redaction }, result.errors));
    } else {
      findings.push(...this.scanCode(path, text, lines, kind, result.errors, redaction, result));
    }
    // regex-only rules (`languages: [regex]`) see every file whole
    if (this.textRules.length > 0) {
      const doc: Doc = { path, text, lines };
      for (const cr of this.textRules) {
        if (!cr.appliesTo(path)) continue;
        findings.push(...this.safeRun(cr, doc, null, result.errors));
      }
    }
    for (const d of this.options.detectors ?? []) {
      try {
        const kept = d.finish?.(findings);
        if (kept) findings = kept;
      } catch (e) {
        result.errors.push({ path, kind: 'internal', level: 'warning', message: `${d.id} failed: ${(e as Error).message}` });
      }
    }
    this.seal(result, findings, text, lines, redaction);
    return result;
  }

  /**
   * The last step of every document: order, suppressions, then the redaction of everything
   * that leaves (findings, errors, taint summaries), then fingerprints over redacted text.
   */
  private seal(result: ScannedFile, findings: Finding[], text: string, lines: LineIndex, redaction: Redaction): void {
    const path = result.path;
    findings.sort((a, b) => a.location.start.offset - b.location.start.offset || a.location.end.offset - b.location.end.offset || a.ruleId.localeCompare(b.ruleId));
    applySuppressions(findings, lines, path);
    result.findings = findings.map((f) => redaction.finding(f));
    result.errors = result.errors.map((e) => redaction.value(e));
    if (result.taint) result.taint = { ...result.taint, exports: redaction.value(result.taint.exports) };
    assignFingerprints(result.findings, (f) => (f.location.path === path ? redaction.text(text.slice(f.location.start.offset, f.location.end.offset)) : f.snippet));
    for (const f of result.findings) boundFinding(f);
    if (this.options.relate !== false) result.findings = relateFindings(result.findings);
  }

  private parse(path: string, text: string, language: LanguageId, errors: ScanError[], mapLoc?: (loc: Location) => Location): Tree | null {
    try {
      const tree = parseText(language, text, { timeoutMs: this.options.parseTimeoutMs, maxDepth: this.options.maxDepth, maxNodes: this.options.maxNodes });
      if (tree.errors.length > 0) {
        const e = tree.errors[0];
        let loc: Location = { path, start: tree.lines.position(e.start), end: tree.lines.position(Math.max(e.end, e.start)) };
        if (mapLoc) loc = mapLoc(loc);
        const more = tree.errors.length > 1 ? ` (and ${tree.errors.length - 1} more)` : '';
        errors.push({
          path,
          kind: 'parse',
          level: 'warning',
          message: `syntax error at line ${loc.start.line}, column ${loc.start.column}${more}; the rest of the file was analysed`,
          location: loc,
        });
      }
      return tree;
    } catch (e) {
      if (e instanceof ParseFailure) {
        errors.push({ path, kind: e.kind, level: 'error', message: e.message });
        return null;
      }
      errors.push({ path, kind: 'internal', level: 'error', message: `parser failed: ${(e as Error).message}` });
      return null;
    }
  }

  private scanCode(path: string, text: string, lines: LineIndex, language: LanguageId, errors: ScanError[], secrets: Redaction, file?: ScannedFile): Finding[] {
    // with no rule for the file, parse only if a detector asks (secrets-only scans stay cheap)
    const detectors = this.options.detectors ?? [];
    const parse =
      detectors.length === 0 ||
      (this.byLanguage.get(language) ?? []).some((cr) => cr.appliesTo(path)) ||
      detectors.some((d) => !d.needsTree || d.needsTree(text, language));
    const tree = parse ? this.parse(path, text, language, errors) : null;
    const out: Finding[] = [];
    if (tree) out.push(...this.runRules(makeDoc(path, text, language, tree)!, language, errors, file));
    out.push(...this.runDetectors({ path, text, lines, language, tree: tree ?? undefined, unit: 'file', secrets }, errors));
    return out;
  }

  private scanUnit(path: string, unit: Unit, origLines: LineIndex, errors: ScanError[], kind: 'markdown' | 'notebook', secrets: Redaction): Finding[] {
    const unitLines = new LineIndex(unit.text);
    const mapLoc = (loc: Location): Location => remap(loc, unit, origLines);
    const found: Finding[] = [];
    let tree: Tree | null = null;
    if (unit.language && unit.kind === 'code') {
      const unitErrors: ScanError[] = [];
      tree = this.parse(path, unit.text, unit.language, unitErrors, mapLoc);
      for (const e of unitErrors) errors.push(unit.cell !== undefined ? { ...e, message: `cell ${unit.cell + 1}: ${e.message}` } : e);
      if (tree) found.push(...this.runRules(makeDoc(path, unit.text, unit.language, tree)!, unit.language, errors));
    }
    found.push(...this.runDetectors({ path, text: unit.text, lines: unitLines, language: unit.language, tree: tree ?? undefined, unit: unit.kind, secrets }, errors));
    // comments are read in the unit's own text (a notebook line is a JSON string in the file)
    applySuppressions(found, unitLines, path);
    for (const f of found) {
      f.location = mapLoc(f.location);
      if (f.trace) for (const s of f.trace) s.location = mapLoc(s.location);
      if (f.metavars) for (const m of Object.values(f.metavars)) m.location = mapLoc(m.location);
      if (f.suppressed?.location) f.suppressed.location = mapLoc(f.suppressed.location);
      if (f.fix) {
        // notebook sources are JSON strings: an edit would need escaping, so offer none
        if (kind === 'notebook') delete f.fix;
        else for (const e of f.fix.edits) e.location = mapLoc(e.location);
      }
    }
    return found;
  }

  /**
   * Search rules one by one; taint rules together (one interpretation serves them all). In a
   * project scan (`file` given and interfile on), the file's taint summaries are recorded.
   */
  private runRules(doc: Doc, language: LanguageId, errors: ScanError[], file?: ScannedFile, table?: ModuleTable): Finding[] {
    const out: Finding[] = [];
    const taint: CompiledRule[] = [];
    const interfile = file && this.options.interfile ? { table } : undefined;
    if (doc.ctx && this.options.maxBindings) doc.ctx.bindingBudget = this.options.maxBindings;
    for (const cr of this.byLanguage.get(language) ?? []) {
      if (!cr.appliesTo(doc.path)) continue;
      if (cr.taint) {
        if (interfile) {
          const pre = cr.prefilterInterfile.get(language);
          doc.words ??= wordsOf(doc.text);
          if (!pre || pre(doc.words) || table) taint.push(cr);
        } else if (passesPrefilter(cr, doc, language)) taint.push(cr);
      } else if (!table) out.push(...this.safeRun(cr, doc, language, errors));
    }
    if (taint.length > 0) {
      if (doc.ctx) doc.ctx.bindings = 0;
      startRegexBudget(this.options.regexTimeoutMs);
      try {
        const r = runTaintRules(taint, doc, language, this.options.hooks, interfile, { budget: this.options.taintBudget });
        out.push(...r.findings);
        if (file && r.module) file.taint = r.module;
      } catch (e) {
        const budget = e instanceof TaintBudgetExceeded || e instanceof MatchBudgetExceeded || e instanceof RegexTimeout;
        errors.push({
          path: doc.path,
          kind: budget ? 'timeout' : 'rule',
          level: 'warning',
          message: budget ? `taint analysis gave up on this file: ${(e as Error).message}` : `taint analysis failed: ${(e as Error).message}`,
        });
      }
    }
    return out;
  }

  /**
   * Re-run only the taint rules of a file with other files' summaries (project scans): the
   * taint findings that replace the file's earlier ones, and its updated summaries.
   */
  rescanTaint(path: string, text: string, table: ModuleTable): ScannedFile {
    const result: ScannedFile = { path, findings: [], errors: [], lines: 0, bytes: 0 };
    const kind = documentKind(path, text);
    if (kind === 'markdown' || kind === 'notebook' || kind === 'text') return result;
    const tree = this.parse(path, text, kind, []);
    if (!tree) return result;
    const lines = tree.lines;
    const findings = this.runRules(makeDoc(path, text, kind, tree)!, kind, result.errors, result, table);
    // the detectors run again only to learn the document's secrets (their findings stand from the first pass)
    const redaction = new Redaction(this.secretKey);
    this.runDetectors({ path, text, lines, language: kind, tree, unit: 'file', secrets: redaction }, []);
    this.seal(result, findings, text, lines, redaction);
    return result;
  }

  private runDetectors(input: DetectorInput, errors: ScanError[]): Finding[] {
    const out: Finding[] = [];
    for (const d of this.options.detectors ?? []) {
      try {
        out.push(...d.scan(input));
      } catch (e) {
        errors.push({ path: input.path, kind: 'internal', level: 'warning', message: `${d.id} failed: ${(e as Error).message}` });
      }
    }
    return out;
  }

  private safeRun(cr: CompiledRule, doc: Doc, lang: LanguageId | null, errors: ScanError[]): Finding[] {
    // the bindings and regex time budgets are per rule and document
    if (doc.ctx) doc.ctx.bindings = 0;
    startRegexBudget(this.options.regexTimeoutMs);
    try {
      return runRule(cr, doc, lang, this.options.hooks);
    } catch (e) {
      const budget = e instanceof MatchBudgetExceeded || e instanceof RegexTimeout;
      errors.push({
        path: doc.path,
        kind: budget ? 'timeout' : 'rule',
        level: 'warning',
        ruleId: cr.rule.id,
        message: budget ? `rule ${cr.rule.id} gave up: ${(e as Error).message}` : `rule ${cr.rule.id} failed: ${(e as Error).message}`,
      });
      return [];
    }
  }
}

export function remap(loc: Location, unit: Unit, orig: LineIndex): Location {
  const s = unit.map(loc.start.line, loc.start.column);
  const e = unit.map(loc.end.line, loc.end.column);
  const out: Location = {
    path: loc.path,
    start: { line: s.line, column: s.column, offset: orig.offsetOf(s.line, s.column) },
    end: { line: e.line, column: e.column, offset: orig.offsetOf(e.line, e.column) },
  };
  if (unit.cell !== undefined) {
    out.cell = unit.cell;
    out.cellLine = loc.start.line;
    out.cellColumn = loc.start.column;
    out.cellEnd = { line: loc.end.line, column: loc.end.column };
  }
  return out;
}
