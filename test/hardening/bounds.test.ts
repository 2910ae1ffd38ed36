/**
 * Issue 13, item 6: `redpen db import` decompresses within bounds. A zip bomb, a gzip bomb and
 * a newline-free gzip stream are refused with their reason; the path-traversal refusal stays;
 * ordinary records beside a refused entry still import. The bombs are generated small (highly
 * compressible data) and the limits lowered, so nothing here needs gigabytes or time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryDb, DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../src/deps/db.js';
import { redpen } from './cli.js';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-bounds-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive (deflate) written by hand: the test needs entries no archiver would make. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = zlib.deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

function record(id: string, name: string): Buffer {
  return Buffer.from(JSON.stringify({ id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }] }] }));
}

/** 8 MiB of one byte: about 8 KB deflated, a 1000:1 ratio. */
const BOMB = Buffer.alloc(8 * 2 ** 20, 0x20);

/** The defaults with the per-record limit lowered below the bomb (the ratio check is off). */
const SMALL: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxRecordBytes: 4 * 2 ** 20, maxRatio: Infinity };

async function importWith(file: string, limits: ImportLimits) {
  const db = AdvisoryDb.open(path.join(dir, `${path.basename(file)}-${Math.random().toString(36).slice(2)}.sqlite`));
  try {
    const stats = await db.importPath(file, limits);
    return { stats, count: db.count() };
  } finally {
    db.close();
  }
}

describe('zip archives', () => {
  it('an entry that expands too far is refused by its ratio; the records beside it import', async () => {
    const file = path.join(dir, 'ratio.zip');
    fs.writeFileSync(file, zip([{ name: 'a.json', data: record('GHSA-aaaa', 'left-pad') }, { name: 'bomb.json', data: BOMB }, { name: 'b.json', data: record('GHSA-bbbb', 'right-pad') }]));
    const { stats, count } = await importWith(file, DEFAULT_IMPORT_LIMITS);
    expect(stats.imported).toBe(2);
    expect(stats.failed).toBe(1);
    expect(stats.errors).toEqual([expect.stringMatching(/bomb\.json: refused: expands \d+ times \(a zip bomb\?\)/)]);
    expect(count.records).toBe(2);
  });

  it('an entry over the per-record size is refused before it is read', async () => {
    const file = path.join(dir, 'size.zip');
    fs.writeFileSync(file, zip([{ name: 'bomb.json', data: BOMB }, { name: 'a.json', data: record('GHSA-cccc', 'left-pad') }]));
    const { stats } = await importWith(file, SMALL);
    expect(stats.imported).toBe(1);
    expect(stats.errors).toEqual([expect.stringMatching(/bomb\.json: refused: decompresses to 8 MiB, over the 4 MiB limit for one record/)]);
  });

  it('an archive over the total is stopped with the reason', async () => {
    const file = path.join(dir, 'total.zip');
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `r${i}.json`, data: record(`GHSA-t${i}`, `pkg-${i}`) }));
    fs.writeFileSync(file, zip(entries));
    const size = record('GHSA-t0', 'pkg-0').length;
    const { stats } = await importWith(file, { ...DEFAULT_IMPORT_LIMITS, maxTotalBytes: size * 2 + 1 });
    expect(stats.imported).toBe(2);
    expect(stats.errors).toEqual([expect.stringMatching(/r2\.json: refused: the archive decompresses to more than \d+ bytes in all; import stopped/)]);
  });

  it('still refuses entries that climb out of the archive', async () => {
    const file = path.join(dir, 'traversal.zip');
    fs.writeFileSync(file, zip([{ name: '../../evil.json', data: record('GHSA-evil', 'left-pad') }]));
    const { stats, count } = await importWith(file, DEFAULT_IMPORT_LIMITS);
    expect(stats.imported).toBe(0);
    expect(stats.failed).toBe(1);
    expect(stats.errors[0]).toMatch(/invalid relative path/);
    expect(count.records).toBe(0);
  });
});

describe('gzip and JSON Lines', () => {
  it('a gzip bomb is stopped by its ratio', async () => {
    const file = path.join(dir, 'bomb.jsonl.gz');
    fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([record('GHSA-gz01', 'left-pad'), Buffer.from('\n'), Buffer.alloc(24 * 2 ** 20, 0x0a)]), { level: 9 }));
    const { stats } = await importWith(file, DEFAULT_IMPORT_LIMITS);
    expect(stats.imported).toBe(1);
    expect(stats.errors).toEqual([expect.stringMatching(/bomb\.jsonl\.gz: refused: expands more than 200 times \(a gzip bomb\?\); import stopped/)]);
  });

  it('a line without end is refused at the per-record size, not buffered whole', async () => {
    const file = path.join(dir, 'line.jsonl.gz');
    fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([record('GHSA-gz02', 'left-pad'), Buffer.from('\n'), BOMB]), { level: 9 }));
    const { stats } = await importWith(file, SMALL);
    expect(stats.imported).toBe(1);
    expect(stats.errors).toEqual([expect.stringMatching(/line\.jsonl\.gz: refused: line 2 is longer than 4 MiB; import stopped/)]);
  });

  it('ordinary JSON Lines, gzipped, import whole', async () => {
    const file = path.join(dir, 'ok.jsonl.gz');
    const lines = Array.from({ length: 50 }, (_, i) => record(`GHSA-ok${i}`, `pkg-${i}`).toString()).join('\n');
    fs.writeFileSync(file, zlib.gzipSync(`${lines}\n`));
    const { stats, count } = await importWith(file, DEFAULT_IMPORT_LIMITS);
    expect(stats).toMatchObject({ imported: 50, failed: 0 });
    expect(count.records).toBe(50);
  });
});

describe('redpen db import', () => {
  it('reports a refused bomb and exits 1, with the process alive to say so', () => {
    const file = path.join(dir, 'cli.zip');
    fs.writeFileSync(file, zip([{ name: 'bomb.json', data: BOMB }, { name: 'a.json', data: record('GHSA-dddd', 'left-pad') }]));
    const r = redpen(['db', 'import', file, '--db', path.join(dir, 'cli.sqlite')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 imported');
    expect(r.stderr).toMatch(/refused: expands \d+ times \(a zip bomb\?\)/);
  });
});
