/**
 * Small option helpers shared by the commands; kept free of heavy imports so that building
 * the program (and a hook call) stays fast.
 */
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

export function parseSeverityOpt(v: string | undefined, what: string): Severity | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  const map: Record<string, Severity> = { error: 'high', warning: 'medium', info: 'low' };
  const sev = isSeverity(s) ? s : map[s];
  if (!sev) throw new UsageError(`${what} must be one of critical, high, medium, low, info (got ${v})`);
  return sev;
}

/** Exit status for a result under a failure threshold. */
export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  return result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
