import type { Severity } from './types.js';
import { SEVERITIES } from './types.js';

/** Semgrep's severities and ours, to ours. */
const FROM_SEMGREP: Record<string, Severity> = {
  CRITICAL: 'critical',
  ERROR: 'high',
  HIGH: 'high',
  WARNING: 'medium',
  MEDIUM: 'medium',
  INFO: 'low',
  LOW: 'low',
  INVENTORY: 'info',
  EXPERIMENT: 'info',
};

export function parseSeverity(s: string): Severity | null {
  return FROM_SEMGREP[s.toUpperCase()] ?? null;
}

/** Rank: critical = 4 ... info = 0. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

export function lowerSeverity(s: Severity, steps = 1): Severity {
  const i = Math.min(SEVERITIES.indexOf(s) + steps, SEVERITIES.length - 1);
  return SEVERITIES[i];
}

/** SARIF `level` for a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  if (s === 'critical' || s === 'high') return 'error';
  if (s === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning's `security-severity` score (critical > 9, high 7-8.9, medium 4-6.9, low < 4). */
export function securitySeverity(s: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' }[s];
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
