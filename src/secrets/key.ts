/**
 * The key secret fingerprints are made with (see redact.ts for why they are keyed).
 *
 * Which key a scan uses, first found:
 * 1. the key a baseline records (`secretKey`): its fingerprints then match on every machine;
 * 2. REDPEN_SECRET_KEY: for pipelines that want stable fingerprints without a baseline;
 * 3. this user's key in the cache folder (`secret-key`, created on first use, mode 0600), so
 *    repeated scans on one machine agree;
 * 4. a key for this process only, when the cache folder cannot be written.
 * The key itself never appears in any output; a baseline holds it beside fingerprints only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultCacheDir } from '../runner/cache.js';

const KEY = /^[0-9a-f]{64}$/;

export function newSecretKey(): string {
  return randomBytes(32).toString('hex');
}

export function isSecretKey(s: unknown): s is string {
  return typeof s === 'string' && KEY.test(s);
}

let resolved: string | null = null;

/** The key of a scan that names none (steps 2-4 above); the same for the whole process. */
export function defaultSecretKey(): string {
  if (resolved) return resolved;
  const env = process.env.REDPEN_SECRET_KEY;
  resolved = env ? env : (userKey(path.join(defaultCacheDir(), 'secret-key')) ?? newSecretKey());
  return resolved;
}

function readKey(file: string): string | null {
  try {
    const k = fs.readFileSync(file, 'utf8').trim();
    return isSecretKey(k) ? k : null;
  } catch {
    return null;
  }
}

function userKey(file: string): string | null {
  const existing = readKey(file);
  if (existing) return existing;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, `${newSecretKey()}\n`, { mode: 0o600 });
    try {
      // link fails when another process created the key first: then theirs is the key
      fs.linkSync(tmp, file);
    } catch {
      // an unreadable or corrupt key file is replaced
      if (!readKey(file)) fs.renameSync(tmp, file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return readKey(file);
  } catch {
    return null;
  }
}
