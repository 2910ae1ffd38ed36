/**
 * A result cache keyed by file content, path, rule set and redpen version: re-scanning an
 * unchanged file costs a hash and a small read. Entries are written atomically (temp file +
 * rename) so concurrent workers never read a torn entry; an unreadable entry is a miss.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileResult } from '../core/types.js';

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'redpen');
}

export function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

export class ResultCache {
  constructor(
    readonly dir: string,
    /** Hash of everything besides the file that shapes a result (version, rules, options). */
    readonly salt: string,
  ) {}

  key(filePath: string, text: string): string {
    return hashOf(this.salt, filePath, text);
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  get(key: string): FileResult | null {
    const v = readCached<FileResult>(this.file(key));
    return v && Array.isArray(v.findings) ? v : null;
  }

  set(key: string, result: FileResult): void {
    writeCached(this.file(key), result);
  }
}

/** A cache entry read back as JSON; an unreadable or torn entry is a miss (null). */
export function readCached<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Write a cache entry atomically (temp file + rename); a cache that cannot be written only costs speed. */
export function writeCached(file: string, value: unknown): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file);
  } catch {
    // read-only home, full disk
  }
}
