/**
 * The offline advisory database: OSV records for npm and PyPI in one SQLite file.
 *
 * Why node-sqlite3-wasm: SQLite compiled to WebAssembly with real file access. Native bindings
 * (better-sqlite3, sqlite3) download prebuilt binaries at install time, which fails on
 * machines without that network; Node's built-in `node:sqlite` needs Node 22.5 and redpen
 * supports Node 20; sql.js keeps the whole database in memory and must rewrite the file to save.
 *
 * Invariants:
 * - A record is stored whole (JSON) with one `affected` row per (ecosystem, normalised name),
 *   so a lookup reads only the records naming the package; version matching happens in
 *   osv.ts, exactly as for records fetched from the API.
 * - Importing is idempotent: a record replaces an older or equal `modified` copy, never a newer one.
 * - A bad record is counted and reported, never a reason to stop the import.
 * - Imports decompress within bounds (ImportLimits): an archive entry or a JSON line over the
 *   per-record size, a file over the total, or an entry that expands by more than the ratio
 *   (a zip or gzip bomb) is refused with its reason, before it can exhaust memory.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { normalizeName } from './names.js';
import { asOsvRecord, ecosystemOf, type OsvRecord } from './osv.js';
import type { Ecosystem } from './types.js';

const require = createRequire(import.meta.url);
type Sqlite = typeof import('node-sqlite3-wasm');
type Db = InstanceType<Sqlite['Database']>;
// loaded on first use: worker threads import this capability but never open a database
let sqlite: Sqlite | null = null;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, modified TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS affected (
  ecosystem TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, id)
) WITHOUT ROWID;
`;

/** How much an import may decompress (zip and gzip bombs); defaults far above real OSV data. */
export interface ImportLimits {
  /** Bytes one record may take decompressed: a zip entry, or a line of JSON Lines. */
  maxRecordBytes: number;
  /** Bytes one input file may decompress to in all. */
  maxTotalBytes: number;
  /** Decompressed over compressed size, above which an entry or a gzip stream is refused... */
  maxRatio: number;
  /** ...once it is past this many bytes (small JSON compresses well too). */
  ratioFloorBytes: number;
}

/** OSV records are kilobytes (the largest about a megabyte); all of npm's unpack to a few GB. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRecordBytes: 32 * 2 ** 20,
  maxTotalBytes: 16 * 2 ** 30,
  maxRatio: 200,
  ratioFloorBytes: 2 ** 20,
};

function mib(n: number): string {
  return n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MiB` : `${n} bytes`;
}

export interface ImportStats {
  /** Records stored (new or newer). */
  imported: number;
  /** Records already present with the same or a newer `modified`. */
  unchanged: number;
  /** Records that name neither npm nor PyPI. */
  skipped: number;
  /** Records that could not be read; the first few errors are kept. */
  failed: number;
  errors: string[];
}

function emptyStats(): ImportStats {
  return { imported: 0, unchanged: 0, skipped: 0, failed: 0, errors: [] };
}

export class AdvisoryDb {
  private empty = false;

  private constructor(
    private db: Db,
    readonly file: string,
  ) {}

  /** Open (and create, unless `mustExist`) a database file. */
  static open(file: string, options: { mustExist?: boolean; readOnly?: boolean } = {}): AdvisoryDb {
    if (!options.mustExist) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    sqlite ??= require('node-sqlite3-wasm') as Sqlite;
    const db = new sqlite.Database(file, { fileMustExist: options.mustExist, readOnly: options.readOnly });
    if (!options.readOnly) db.exec(SCHEMA);
    return new AdvisoryDb(db, file);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Records naming a package (any version); matching is the caller's. */
  recordsFor(ecosystem: Ecosystem, name: string): OsvRecord[] {
    const rows = this.db.all(
      'SELECT r.data AS data FROM affected a JOIN records r ON r.id = a.id WHERE a.ecosystem = ? AND a.name = ?',
      [ecosystem, normalizeName(ecosystem, name)],
    );
    return rows.map((r) => JSON.parse(typeof r.data === 'string' ? r.data : Buffer.from(r.data as Uint8Array).toString('utf8')) as OsvRecord);
  }

  count(): { records: number; packages: number } {
    const r = this.db.get('SELECT (SELECT count(*) FROM records) AS records, (SELECT count(DISTINCT ecosystem || name) FROM affected) AS packages');
    return { records: Number(r?.records ?? 0), packages: Number(r?.packages ?? 0) };
  }

  getMeta(key: string): string | undefined {
    const r = this.db.get('SELECT value FROM meta WHERE key = ?', [key]);
    return r ? String(r.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** When the database was last filled, for reports ("advisories as of ..."). */
  updatedAt(): string | undefined {
    return this.getMeta('updated');
  }

  /** True when it holds no advisory at all (a database that was created but never filled). */
  isEmpty(): boolean {
    return !this.db.get('SELECT 1 AS x FROM records LIMIT 1');
  }

  /**
   * How recent its data is: the newest `modified` date among its advisories (an export's date,
   * whenever it was imported), else when it was last filled.
   */
  dataDate(): string | undefined {
    return this.getMeta('newest') ?? this.updatedAt();
  }

  /** Record the newest advisory date seen by an import (kept if an older one is imported later). */
  private noteNewest(ms: number): void {
    if (!(ms > 0)) return;
    const old = Date.parse(this.getMeta('newest') ?? '');
    if (!(old >= ms)) this.setMeta('newest', new Date(ms).toISOString());
  }

  /** Store records from any iterable, in transactions of a few thousand. */
  async importRecords(source: AsyncIterable<{ value?: unknown; error?: string; where: string }>, stats = emptyStats()): Promise<ImportStats> {
    const BATCH = 2000;
    let inBatch = 0;
    // into an empty database every record is new: no need to look for an older copy
    this.empty = Number(this.db.get('SELECT count(*) AS n FROM records')?.n ?? 0) === 0;
    // one statement decides: insert, or replace only an older copy (`changes` tells which)
    const upsert = this.db.prepare('INSERT INTO records (id, modified, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET modified = excluded.modified, data = excluded.data WHERE excluded.modified > records.modified');
    const exists = this.db.prepare('SELECT 1 AS x FROM records WHERE id = ?');
    const delAffected = this.db.prepare('DELETE FROM affected WHERE id = ?');
    const addAffected = this.db.prepare('INSERT OR IGNORE INTO affected (ecosystem, name, id) VALUES (?, ?, ?)');
    const fail = (msg: string) => {
      stats.failed++;
      if (stats.errors.length < 20) stats.errors.push(msg);
    };
    let newest = 0;
    try {
      this.db.exec('BEGIN');
      for await (const item of source) {
        if (item.error !== undefined) {
          fail(`${item.where}: ${item.error}`);
          continue;
        }
        let record: OsvRecord;
        try {
          record = asOsvRecord(item.value);
        } catch (e) {
          fail(`${item.where}: ${(e as Error).message}`);
          continue;
        }
        const names = new Set<string>();
        for (const a of record.affected ?? []) {
          const eco = ecosystemOf(a);
          if (eco && a.package?.name) names.add(`${eco}\u0000${normalizeName(eco, a.package.name)}`);
        }
        if (names.size === 0) {
          stats.skipped++;
          continue;
        }
        const modified = Date.parse(record.modified);
        if (modified > newest) newest = modified;
        const fresh = this.empty || !exists.get([record.id]);
        // stored as UTF-8 bytes: binding a byte array copies it in one step, a string char by char
        if (upsert.run([record.id, record.modified, Buffer.from(JSON.stringify(record))]).changes === 0) {
          stats.unchanged++;
          continue;
        }
        if (!fresh) delAffected.run([record.id]);
        for (const n of names) {
          const [eco, name] = n.split('\u0000');
          addAffected.run([eco, name, record.id]);
        }
        stats.imported++;
        if (++inBatch >= BATCH) {
          this.db.exec('COMMIT');
          this.db.exec('BEGIN');
          inBatch = 0;
        }
      }
      this.noteNewest(newest);
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      for (const s of [upsert, exists, delAffected, addAffected]) s.finalize();
    }
    return stats;
  }

  /** Import a folder (recursively), a zip archive, a JSON file, or JSON Lines (gzipped or not). */
  async importPath(p: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<ImportStats> {
    const stats = emptyStats();
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const f of listFiles(p)) await this.importFile(f, stats, limits);
    } else await this.importFile(p, stats, limits);
    this.setMeta('updated', new Date().toISOString());
    return stats;
  }

  private async importFile(file: string, stats: ImportStats, limits: ImportLimits): Promise<void> {
    const kind = await sniffFile(file);
    if (kind === 'zip') await this.importRecords(zipRecords(file, limits), stats);
    else if (kind === 'json') await this.importRecords(jsonFileRecords(file), stats);
    else if (kind === 'jsonl' || kind === 'gzip') await this.importRecords(jsonLines(file, kind === 'gzip', limits), stats);
    else {
      stats.failed++;
      if (stats.errors.length < 20) stats.errors.push(`${file}: not JSON, JSON Lines or a zip archive`);
    }
  }
}

/** A change to the advisory database that could not be completed; the database is as it was. */
export class DatabaseError extends Error {}

/**
 * Change the database at `file` atomically: `fn` works on a copy beside it (or on a new file),
 * which replaces the database only when `fn` succeeds and the result holds advisories (a rename,
 * atomic on one file system). A failed or interrupted update leaves the old database, or none,
 * never an empty or half-filled one that later reads as "no vulnerabilities".
 */
export async function changeAside<T>(file: string, fn: (db: AdvisoryDb) => Promise<T>): Promise<T> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const work = `${target}.${process.pid}.tmp`;
  const existed = fs.existsSync(target);
  try {
    if (existed) fs.copyFileSync(target, work);
    const db = AdvisoryDb.open(work);
    let out: T;
    try {
      out = await fn(db);
      if (db.isEmpty()) throw new DatabaseError(`no npm or PyPI advisory was imported; ${existed ? `the database at ${file} is unchanged` : 'no database was created'}`);
    } finally {
      db.close();
    }
    fs.renameSync(work, target);
    return out;
  } catch (e) {
    for (const f of [work, `${work}-journal`]) fs.rmSync(f, { force: true });
    throw e;
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile() && /\.(json|jsonl|ndjson|gz|zip)$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** What a file holds, by its first bytes (names lie: an OSV export may be called anything). */
async function sniffFile(file: string): Promise<'zip' | 'gzip' | 'json' | 'jsonl' | 'other'> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b) return 'zip';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('[')) return 'json';
    if (text.startsWith('{')) {
      // one object over several lines is a JSON file; one object per line is JSON Lines
      const firstLine = text.split('\n')[0].trim();
      if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
      try {
        JSON.parse(firstLine);
        return bytesRead < buf.length && text.trim() === firstLine ? 'json' : 'jsonl';
      } catch {
        return 'json';
      }
    }
    return 'other';
  } finally {
    await fh.close();
  }
}

async function* jsonFileRecords(file: string): AsyncGenerator<{ value?: unknown; error?: string; where: string }> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (e) {
    yield { error: `invalid JSON: ${(e as Error).message}`, where: file };
    return;
  }
  if (Array.isArray(data)) for (const [i, v] of data.entries()) yield { value: v, where: `${file}[${i}]` };
  else yield { value: data, where: file };
}

/**
 * JSON Lines, split by hand so that a line is bounded (readline would buffer a newline-free
 * gzip bomb whole), and the whole stream is bounded in total and in ratio to the file.
 */
async function* jsonLines(file: string, gzip: boolean, limits: ImportLimits): AsyncGenerator<{ value?: unknown; error?: string; where: string }> {
  const compressed = fs.statSync(file).size;
  const raw = fs.createReadStream(file);
  const stream: Readable = gzip ? raw.pipe(zlib.createGunzip()) : raw;
  raw.on('error', (e) => stream.destroy(e));
  let n = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const record = (line: string) => {
    n++;
    if (!line.trim()) return null;
    try {
      return { value: JSON.parse(line) as unknown, where: `${file}:${n}` };
    } catch (e) {
      return { error: `invalid JSON: ${(e as Error).message}`, where: `${file}:${n}` };
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        yield { error: `refused: decompresses to more than ${mib(limits.maxTotalBytes)} in all; import stopped`, where: file };
        return;
      }
      if (gzip && total > limits.ratioFloorBytes && total > compressed * limits.maxRatio) {
        yield { error: `refused: expands more than ${limits.maxRatio} times (a gzip bomb?); import stopped`, where: file };
        return;
      }
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, nl));
        const r = record(Buffer.concat(pending).toString('utf8'));
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
        if (r) yield r;
      }
      pendingBytes += chunk.length - start;
      if (pendingBytes > limits.maxRecordBytes) {
        yield { error: `refused: line ${n + 1} is longer than ${mib(limits.maxRecordBytes)}; import stopped`, where: file };
        return;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
    const r = record(Buffer.concat(pending).toString('utf8'));
    if (r) yield r;
  } catch (e) {
    yield { error: `cannot read: ${(e as Error).message}`, where: file };
  } finally {
    stream.destroy();
    raw.destroy();
  }
}

/** JSON entries of a zip archive, read one at a time (the npm archive is hundreds of MB). */
async function* zipRecords(file: string, limits: ImportLimits): AsyncGenerator<{ value?: unknown; error?: string; where: string }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, z) => (err || !z ? reject(err ?? new Error('cannot open zip')) : resolve(z))),
  );
  const queue: ({ value?: unknown; error?: string; where: string } | null)[] = [];
  let wake: (() => void) | null = null;
  const push = (v: { value?: unknown; error?: string; where: string } | null) => {
    queue.push(v);
    wake?.();
  };
  let total = 0;
  let stopped = false;
  zip.on('entry', (entry: yauzl.Entry) => {
    if (stopped) return;
    if (!/\.json$/i.test(entry.fileName)) {
      zip.readEntry();
      return;
    }
    const where = `${file}!${entry.fileName}`;
    // sizes as the archive declares them, refused before reading (yauzl fails an entry whose
    // data runs past its declared size); then counted again as the data arrives
    const size = entry.uncompressedSize;
    total += size;
    if (total > limits.maxTotalBytes) {
      stopped = true;
      push({ error: `refused: the archive decompresses to more than ${mib(limits.maxTotalBytes)} in all; import stopped`, where });
      push(null);
      zip.close();
      return;
    }
    if (size > limits.maxRecordBytes) {
      push({ error: `refused: decompresses to ${mib(size)}, over the ${mib(limits.maxRecordBytes)} limit for one record`, where });
      return;
    }
    if (size > limits.ratioFloorBytes && size > entry.compressedSize * limits.maxRatio) {
      push({ error: `refused: expands ${Math.round(size / Math.max(1, entry.compressedSize))} times (a zip bomb?)`, where });
      return;
    }
    zip.openReadStream(entry, (err, rs) => {
      if (err || !rs) {
        push({ error: `cannot read: ${err?.message}`, where });
        return;
      }
      const chunks: Buffer[] = [];
      let read = 0;
      rs.on('data', (c: Buffer) => {
        read += c.length;
        if (read > limits.maxRecordBytes) {
          rs.destroy(new Error(`refused: decompresses to more than ${mib(limits.maxRecordBytes)}`));
          return;
        }
        chunks.push(c);
      });
      rs.on('error', (e) => push({ error: e.message, where: `${file}!${entry.fileName}` }));
      rs.on('end', () => {
        try {
          push({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')), where: `${file}!${entry.fileName}` });
        } catch (e) {
          push({ error: `invalid JSON: ${(e as Error).message}`, where: `${file}!${entry.fileName}` });
        }
      });
    });
  });
  zip.on('end', () => push(null));
  zip.on('error', (e: Error) => {
    push({ error: e.message, where: file });
    push(null);
  });
  zip.readEntry();
  for (;;) {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    const item = queue.shift()!;
    if (item === null) return;
    yield item;
    // read the next entry only once this one is consumed: bounded memory
    if (!stopped) zip.readEntry();
  }
}
