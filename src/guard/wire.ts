/** The guard's answers of its own: OpenAI-style error bodies, and the log line's findings part. */
import type http from 'node:http';
import type { GuardResult } from './text.js';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function errorBody(message: string, type: string, code: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type, code, param: null, ...extra } };
}

/** ` findings=N action=A rules=...` for the log line (rule ids only: no code, no text). */
export function findingsSuffix(results: GuardResult[]): string {
  const all = results.flatMap((r) => r.findings);
  if (all.length === 0) return ' findings=0';
  const action = results.some((r) => r.action === 'block') ? 'block' : results.some((r) => r.action === 'annotate') ? 'annotate' : 'pass';
  return ` findings=${all.length} action=${action} rules=${[...new Set(all.map((f) => f.rule))].join(',')}`;
}
