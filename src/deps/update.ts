/**
 * `redpen db update`: download OSV's per-ecosystem archives (all.zip) and load them into the
 * advisory database. The download streams to a temporary file beside the database (the npm
 * archive is large) with an inactivity timeout, then imports entry by entry into a copy of the
 * database, which replaces it only when every ecosystem succeeded (db.ts `changeAside`): a failed
 * update leaves the database as it was, or no database, never an empty one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { changeAside, type ImportStats } from './db.js';
import { HttpError } from './http.js';
import type { Ecosystem } from './types.js';

export const DEFAULT_ARCHIVE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface UpdateOptions {
  dbPath: string;
  ecosystems?: Ecosystem[];
  /** Base of the archives (env REDPEN_OSV_ARCHIVE_URL): `<base>/<ecosystem>/all.zip`. */
  archiveUrl?: string;
  /** Abort when no data arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

async function download(url: string, file: string, idleTimeoutMs: number): Promise<void> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), idleTimeoutMs);
  const bump = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleTimeoutMs);
  };
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw new HttpError(`cannot download ${url}: ${controller.signal.aborted ? `no data for ${idleTimeoutMs} ms` : (err.cause?.code ?? err.message)}`, url);
    }
    if (!res.ok || !res.body) throw new HttpError(`cannot download ${url}: ${res.status} ${res.statusText}`, url, res.status);
    const body = Readable.fromWeb(res.body as unknown as WebReadableStream);
    body.on('data', bump);
    try {
      await pipeline(body, fs.createWriteStream(file));
    } catch (e) {
      throw new HttpError(`download of ${url} failed: ${controller.signal.aborted ? `no data for ${idleTimeoutMs} ms` : (e as Error).message}`, url);
    }
  } finally {
    clearTimeout(timer);
  }
}

export async function updateDatabase(options: UpdateOptions): Promise<Map<Ecosystem, ImportStats>> {
  const base = (options.archiveUrl ?? process.env.REDPEN_OSV_ARCHIVE_URL ?? DEFAULT_ARCHIVE_URL).replace(/\/+$/, '');
  const ecosystems = options.ecosystems ?? ['npm', 'PyPI'];
  fs.mkdirSync(path.dirname(path.resolve(options.dbPath)), { recursive: true });
  const out = new Map<Ecosystem, ImportStats>();
  await changeAside(options.dbPath, async (db) => {
    for (const eco of ecosystems) {
      const url = `${base}/${eco}/all.zip`;
      const tmp = `${options.dbPath}.${eco}.${process.pid}.zip`;
      options.onProgress?.(`downloading ${url}`);
      try {
        await download(url, tmp, options.idleTimeoutMs ?? 60_000);
        options.onProgress?.(`importing ${eco} advisories`);
        const stats = await db.importPath(tmp);
        db.setMeta(`updated:${eco}`, new Date().toISOString());
        out.set(eco, stats);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    }
  });
  return out;
}
