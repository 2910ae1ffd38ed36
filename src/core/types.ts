/**
 * The data every capability of redpen produces and every surface consumes.
 *
 * Invariants:
 * - A Finding is self-contained: a reporter needs nothing but the Finding (and the rule
 *   catalogue in ScanResult.rules) to print it. No Finding holds a syntax tree.
 * - Every location is 1-based (line, column) in UTF-16 code units, as SARIF's default
 *   `columnKind` and JavaScript strings count; `offset` is 0-based into the same text.
 * - Secrets never appear in a Finding, whole or in part: every string of it passes the
 *   document's redaction (secrets/redact.ts) before the Finding leaves the Scanner.
 * - Every input ends in a FileResult: findings, or a ScanError with its reason. Nothing
 *   is dropped silently.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type Confidence = 'high' | 'medium' | 'low';

export type LanguageId = 'python' | 'javascript' | 'typescript' | 'tsx';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, UTF-16 code units. */
  column: number;
  /** 0-based offset into the scanned text. */
  offset: number;
}

export interface Location {
  /** Path as given by the user (relative to the working directory when possible), '/' separated. */
  path: string;
  start: Position;
  end: Position;
  /** For notebooks: 0-based index of the cell; start/end then point into the .ipynb file. */
  cell?: number;
  /** For notebooks: 1-based line within the cell. */
  cellLine?: number;
  /** For notebooks: 1-based column within that line of the cell's source (start/end columns count JSON-escaped text). */
  cellColumn?: number;
  /** For notebooks: where the span ends within the cell's source. */
  cellEnd?: { line: number; column: number };
}

export interface RuleMetadata {
  cwe?: string[];
  owasp?: string[];
  confidence?: Confidence;
  likelihood?: 'high' | 'medium' | 'low';
  impact?: 'high' | 'medium' | 'low';
  references?: string[];
  category?: string;
  subcategory?: string[];
  technology?: string[];
  /** Any other metadata from the rule, kept as given. */
  [key: string]: unknown;
}

export interface TextEdit {
  /** Replaced span (start inclusive, end exclusive). */
  location: Location;
  replacement: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** One step of a data-flow trace (taint): where the value was and what happened to it. */
export interface TraceStep {
  kind: 'source' | 'step' | 'call' | 'return' | 'sink';
  location: Location;
  /** Short human description, e.g. "request.args.get(...) is user input". */
  message: string;
  /** The source line the step starts on (untrimmed, so columns line up). */
  snippet?: string;
  /** Set when a long line was cut to a window: the source column the snippet starts at (after a `…`). */
  snippetFrom?: number;
}

export interface BoundMetavar {
  text: string;
  location: Location;
}

export type FindingKind = 'rule' | 'taint' | 'secret' | 'dependency' | 'dynamic';

export interface Suppression {
  kind: 'inline' | 'baseline' | 'config';
  /** The justification given in the comment, when any. */
  reason?: string;
  /** Location of the comment that suppressed it (inline only). */
  location?: Location;
}

export interface SecretInfo {
  /** Detector id, e.g. "github-pat". */
  detector: string;
  /** First characters of the secret and part of its fingerprint; never the secret. */
  redacted: string;
  /**
   * HMAC-SHA256 of the secret under the scan's secret key (a baseline's, REDPEN_SECRET_KEY or
   * this user's), 16 hex digits: the same secret has the same fingerprint under one key, and
   * without the key it cannot be checked against a guess.
   */
  fingerprint: string;
  /** Whether a structural check (checksum, decoding) passed. */
  validated?: boolean;
  /** The commit that introduced it (history scans). */
  commit?: string;
  /** Set when the finding comes from a test file and its severity was lowered. */
  inTestFile?: boolean;
}

export interface DependencyInfo {
  ecosystem: 'npm' | 'PyPI';
  name: string;
  version?: string;
  /** Advisory ids (OSV, GHSA, PYSEC...) and aliases (CVE...). */
  advisories?: string[];
  aliases?: string[];
  affected?: string;
  fixedIn?: string;
  cvss?: string;
  /** For invented/suspicious packages: the reasons. */
  reasons?: string[];
  /** For possible typosquats: the popular package the name resembles. */
  resembles?: string;
}

export interface DynamicConfirmation {
  confirmed: boolean;
  payload?: string;
  evidence?: string;
}

/**
 * Another report of the same flaw: a finding that overlaps a reported one, in the same CWE
 * family and no more severe (core/related.ts). Kept visible beside the one reported.
 */
export interface RelatedFinding {
  ruleId: string;
  kind: FindingKind;
  message: string;
  severity: Severity;
  confidence: Confidence;
  cwe: string[];
  location: Location;
  fingerprint: string;
}

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  message: string;
  severity: Severity;
  confidence: Confidence;
  location: Location;
  /** The source line(s) of the match, redacted for secrets; long lines cut to a window (core/bound.ts). */
  snippet: string;
  /** Set when the first line was cut to a window: the source column the snippet starts at (after a `…`). */
  snippetFrom?: number;
  cwe: string[];
  owasp: string[];
  metadata: RuleMetadata;
  /** Stable across line shifts: rule, path, normalised matched text, occurrence index. */
  fingerprint: string;
  metavars?: Record<string, BoundMetavar>;
  trace?: TraceStep[];
  fix?: Fix;
  suppressed?: Suppression;
  secret?: SecretInfo;
  dependency?: DependencyInfo;
  dynamic?: DynamicConfirmation;
  /** Other findings of the same flaw (overlapping span, same CWE family), reported with this one. */
  related?: RelatedFinding[];
}

export type ScanErrorKind =
  | 'parse' // the file parsed with syntax errors; findings from intact parts are still reported
  | 'timeout'
  | 'binary'
  | 'too-large'
  | 'encoding'
  | 'nesting'
  | 'io'
  | 'unsupported'
  | 'rule'
  | 'internal';

export interface ScanError {
  path: string;
  kind: ScanErrorKind;
  message: string;
  /** Partial errors (syntax errors in one region) do not stop the file's findings. */
  level: 'error' | 'warning';
  location?: Location;
  ruleId?: string;
}

/** What scanning one input produced. */
export interface FileResult {
  path: string;
  language?: LanguageId | 'markdown' | 'notebook' | 'text';
  findings: Finding[];
  errors: ScanError[];
  /** Lines of code in the file (for throughput statistics). */
  lines: number;
  bytes: number;
  /** Whether this result came from the cache. */
  cached?: boolean;
  /** True when the file was not analysed at all (only errors). */
  skipped?: boolean;
}

/** The catalogue entry reporters need to describe a rule. */
export interface RuleInfo {
  id: string;
  name: string;
  shortDescription: string;
  help: string;
  severity: Severity;
  languages: string[];
  metadata: RuleMetadata;
  helpUri?: string;
}

export interface ScanStats {
  files: number;
  filesCached: number;
  filesSkipped: number;
  lines: number;
  bytes: number;
  rules: number;
  durationMs: number;
  suppressed: number;
  belowThreshold: number;
  /**
   * Entries a folder walk passed over, counted by reason (ignored, excluded, default-folder,
   * generated, binary, symlink, special); set by scans that walk folders.
   */
  skipped?: Record<string, number>;
}

/** A check that did not run, or ran only in part: its packages or inputs have no verdict, never a clean one. */
export interface Unchecked {
  /** Which check: 'vulnerabilities', 'registry', ... */
  check: string;
  reason: string;
  /** What it missed (packages as name or name@version), when it is a list. */
  packages?: string[];
}

export interface ScanResult {
  /** Reported findings (not suppressed, at or above the severity threshold), in deterministic order. */
  findings: Finding[];
  /** Suppressed findings, listed, never dropped. */
  suppressed: Finding[];
  errors: ScanError[];
  rules: RuleInfo[];
  stats: ScanStats;
  /** Paths scanned, in order. */
  paths: string[];
  /** Checks that did not run (or ran in part), with the reason: never to be read as clean. */
  unchecked: Unchecked[];
  /** The lowest severity reported (the report threshold), when one was set. */
  threshold?: Severity;
  /**
   * Findings below the report threshold (counted in stats.belowThreshold, not reported): kept
   * so that a failure threshold below the report threshold still counts them.
   */
  belowThresholdFindings?: Finding[];
  /** The project configuration file that applied (as displayed), when one did. */
  config?: string;
}
