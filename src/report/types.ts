/**
 * One interface for every output format. A reporter is a pure function of the ScanResult:
 * it never reads files (findings carry their own redacted snippets), so a report can never
 * print a secret the detector redacted.
 */
import type { ScanResult, Severity } from '../core/types.js';

export interface ReportOptions {
  /** ANSI colour (text only; the CLI turns it on for TTYs). */
  color?: boolean;
  /** Print data-flow traces with code frames (text only). */
  explain?: boolean;
  /** Folder that relative paths are relative to (SARIF's %SRCROOT%). */
  cwd?: string;
  version: string;
  /** The failure threshold, so the text report can say when findings it does not list fail the run. */
  failOn?: Severity | 'none';
}

export interface Reporter {
  format: string;
  /** The file extension a report in this format usually has. */
  extension: string;
  render(result: ScanResult, options: ReportOptions): string;
}
