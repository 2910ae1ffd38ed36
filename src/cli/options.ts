/**
 * Small option helpers shared by the commands; kept free of heavy imports so that building
 * the program (and a hook call) stays fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { atLeast, isSeverity } from '../core/severity.js';
import type { ScanResult, Severity } from '../core/types.js';

/** A usage mistake: reported in one line, exit status 2. */
export class UsageError extends Error {}

export function useColor(opt: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (opt !== undefined) return opt;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function parseSeverityOpt(v: string | undefined, what: string, allowNone = false): Severity | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  const map: Record<string, Severity> = { error: 'high', warning: 'medium', info: 'low' };
  const sev = isSeverity(s) ? s : map[s];
  if (!sev) throw new UsageError(`${what} must be one of critical, high, medium, low, info${allowNone ? ', none' : ''} (got ${v})`);
  return sev;
}

/** `--fail-on`: a severity or `none`. */
export function parseFailOn(v: string | undefined, what = '--fail-on'): Severity | 'none' | undefined {
  return v?.toLowerCase() === 'none' ? 'none' : parseSeverityOpt(v, what, true);
}

/** A positive whole number option (`-j 4`, `--max-commits 100`); anything else is a usage error. */
export function parseCount(v: string | undefined, what: string, unit = ''): number | undefined {
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a positive whole number${unit ? ` of ${unit}` : ''} (got ${v})`);
  return n;
}

/** Every path named on the command line must exist: a typo must not scan nothing and pass. */
export function assertPathsExist(paths: string[], cwd: string): void {
  for (const p of paths) {
    if (p === '-') continue;
    try {
      fs.statSync(path.resolve(cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${p}: no such file or folder` : `${p}: cannot read (${code ?? (e as Error).message})`);
    }
  }
}

/**
 * Exit status for a result under a failure threshold. Findings below the report threshold
 * count too: `--severity high --fail-on medium` fails on a medium finding it does not list.
 */
export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  const fails = (f: { severity: Severity }) => atLeast(f.severity, failOn);
  return result.findings.some(fails) || (result.belowThresholdFindings ?? []).some(fails) ? 1 : 0;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
