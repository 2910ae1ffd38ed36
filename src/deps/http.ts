/**
 * HTTP for the dependency checks: JSON over fetch with a timeout on every request, and a small
 * on-disk cache of parsed answers.
 *
 * Invariants:
 * - Every request has a deadline; nothing here can hang a scan.
 * - A failure is an exception naming the URL and the cause (status, timeout, network); the
 *   caller decides what it means. A 404 is an answer (returned), not a failure.
 * - Cache entries are written atomically (temp file + rename); an unreadable entry is a miss.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VERSION } from '../version.js';

export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface JsonResponse<T> {
  status: number;
  body: T | null;
}

const USER_AGENT = `redpen/${VERSION} (dependency checks)`;

/** GET or POST JSON. Resolves for 2xx and 404; throws HttpError for anything else. */
export async function requestJson<T>(url: string, options: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs: number; headers?: Record<string, string> }): Promise<JsonResponse<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new HttpError(`${hostOf(url)} unreachable: ${why}`, url);
  }
  if (res.status === 404) {
    await res.body?.cancel().catch(() => undefined);
    return { status: 404, body: null };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new HttpError(`${hostOf(url)} answered ${res.status} ${res.statusText}`.trim(), url, res.status);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new HttpError(`${hostOf(url)}: reading the answer failed: ${(e as Error).message}`, url);
  }
  try {
    return { status: res.status, body: JSON.parse(text) as T };
  } catch {
    throw new HttpError(`${hostOf(url)} answered with invalid JSON`, url, res.status);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Parsed answers on disk, keyed by a string, with an age limit chosen by the reader. */
export class JsonCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(this.dir, h.slice(0, 2), `${h.slice(2)}.json`);
  }

  get<T>(key: string, maxAgeMs: number, now = Date.now()): T | undefined {
    try {
      const f = this.file(key);
      const st = fs.statSync(f);
      if (now - st.mtimeMs > maxAgeMs) return undefined;
      const v = JSON.parse(fs.readFileSync(f, 'utf8')) as { key: string; value: T };
      return v.key === key ? v.value : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    try {
      const f = this.file(key);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      const tmp = `${f}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ key, value }));
      fs.renameSync(tmp, f);
    } catch {
      // a cache that cannot be written only costs a later request
    }
  }
}
