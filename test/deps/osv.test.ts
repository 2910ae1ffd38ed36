import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryDb } from '../../src/deps/db.js';
import { matchRecord, severityOf, type OsvRecord } from '../../src/deps/osv.js';

const DATA = path.join(import.meta.dirname, '..', 'data', 'deps');
const PYPA = path.join(DATA, 'osv-pypi', 'pypa-advisory-database-2024-10-10.jsonl.gz');
const record = (f: string) => JSON.parse(fs.readFileSync(path.join(DATA, 'osv', f), 'utf8')) as OsvRecord;

let tmp: string;
let db: AdvisoryDb;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-osv-'));
  db = AdvisoryDb.open(path.join(tmp, 'osv.sqlite'));
  const stats = await db.importPath(PYPA);
  expect(stats).toMatchObject({ imported: 2661, failed: 0 });
});
afterAll(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ids = (eco: 'PyPI' | 'npm', name: string, version: string) =>
  db.recordsFor(eco, name).filter((r) => matchRecord(r, eco, name, version)).map((r) => r.id).sort();

describe('version matching on real PyPA records', () => {
  it('matches introduced/fixed ranges with PEP 440 ordering', () => {
    expect(ids('PyPI', 'PyYAML', '5.3')).toEqual(['PYSEC-2020-96', 'PYSEC-2021-142']);
    expect(ids('PyPI', 'pyyaml', '5.4')).toEqual([]);
    expect(ids('PyPI', 'requests', '2.19.0')).toEqual(['PYSEC-2018-28', 'PYSEC-2023-74']);
    expect(ids('PyPI', 'requests', '2.31.0')).toEqual([]);
  });

  it('names the affected span and the nearest fix for the version', () => {
    const r = db.recordsFor('PyPI', 'accesscontrol').find((x) => x.id === 'PYSEC-2021-335')!;
    expect(matchRecord(r, 'PyPI', 'AccessControl', '4.1')).toEqual({ range: '>=4.0, <4.3', fixed: '4.3' });
    expect(matchRecord(r, 'PyPI', 'AccessControl', '5.1')).toEqual({ range: '>=5.0, <5.2', fixed: '5.2' });
    expect(matchRecord(r, 'PyPI', 'AccessControl', '4.3')).toBeNull();
    expect(matchRecord(r, 'PyPI', 'AccessControl', '3.0')).toBeNull();
  });

  it('pre-releases and post-releases order as PEP 440 says', () => {
    const r: OsvRecord = { id: 'T-1', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2rc1' }] }] }] };
    expect(matchRecord(r, 'PyPI', 'x', '1.1.post1')).not.toBeNull();
    expect(matchRecord(r, 'PyPI', 'x', '1.2b3')).not.toBeNull();
    expect(matchRecord(r, 'PyPI', 'x', '1.2rc1')).toBeNull();
    expect(matchRecord(r, 'PyPI', 'x', '1.0.dev1')).toBeNull();
  });

  it('every record that lists explicit versions matches each of them (cross-check of two encodings)', () => {
    const lines = zlib.gunzipSync(fs.readFileSync(PYPA)).toString('utf8').split('\n').filter(Boolean);
    let checked = 0;
    let disagree = 0;
    for (const line of lines) {
      const rec = JSON.parse(line) as OsvRecord;
      for (const a of rec.affected ?? []) {
        for (const v of (a.versions ?? []).slice(0, 3)) {
          checked++;
          // without the list, the ranges alone must say the same
          const rangesOnly: OsvRecord = { ...rec, affected: [{ ...a, versions: [] }] };
          if (!matchRecord(rangesOnly, 'PyPI', a.package!.name, v)) disagree++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
    // a few records list versions their ranges do not cover (data quirks); nearly all agree
    expect(disagree / checked).toBeLessThan(0.02);
  });
});

describe('semver matching, last_affected, explicit lists, severity', () => {
  it('npm SEMVER ranges', () => {
    const r = record('GHSA-p6mc-m468-83gw.json');
    expect(matchRecord(r, 'npm', 'lodash', '4.17.15')).toEqual({ range: '>=3.7.0 <4.17.19', fixed: '4.17.19' });
    expect(matchRecord(r, 'npm', 'lodash', '3.6.0')).toBeNull();
    expect(matchRecord(r, 'npm', 'lodash', '4.17.19')).toBeNull();
    expect(matchRecord(r, 'npm', 'underscore', '1.0.0')).toBeNull();
  });

  it('last_affected closes the span inclusively, with no fix', () => {
    const r = record('REDPEN-TEST-1.json');
    expect(matchRecord(r, 'npm', 'left-pad', '1.2.0')).toEqual({ range: '>=1.1.0 <=1.2.0', fixed: undefined });
    expect(matchRecord(r, 'npm', 'left-pad', '1.3.0')).toBeNull();
    expect(matchRecord(r, 'npm', 'left-pad', '1.0.0')).toBeNull();
  });

  it('explicit version lists', () => {
    const r = record('MAL-2022-1234.json');
    expect(matchRecord(r, 'npm', 'reqeust', '2.81.1')?.range).toMatch(/listed/);
    expect(matchRecord(r, 'npm', 'reqeust', '2.81.2')).toBeNull();
  });

  it('severity from CVSS vectors, the database word, or malicious', () => {
    expect(severityOf(record('GHSA-35jh-r3h4-6jhm.json'))).toMatchObject({ severity: 'high', score: 7.2 });
    expect(severityOf(record('MAL-2022-1234.json')).severity).toBe('critical');
    expect(severityOf({ id: 'X', modified: '', database_specific: { severity: 'MODERATE' } }).severity).toBe('medium');
    expect(severityOf({ id: 'X', modified: '' }).severity).toBe('medium');
  });

  it('withdrawn records match nothing', () => {
    const r = { ...record('GHSA-p6mc-m468-83gw.json'), withdrawn: '2024-01-01T00:00:00Z' };
    expect(matchRecord(r, 'npm', 'lodash', '4.17.15')).toBeNull();
  });
});

describe('advisory database import', () => {
  it('is idempotent and keeps the newer copy', async () => {
    const again = await db.importPath(PYPA);
    expect(again).toMatchObject({ imported: 0, unchanged: 2661 });
    const file = path.join(tmp, 'newer.jsonl');
    const r = db.recordsFor('PyPI', 'requests').find((x) => x.id === 'PYSEC-2018-28')!;
    fs.writeFileSync(file, `${JSON.stringify({ ...r, modified: '2030-01-01T00:00:00Z', summary: 'newer' })}\n\n${JSON.stringify({ ...r, modified: '2000-01-01T00:00:00Z', summary: 'older' })}\n`);
    expect(await db.importPath(file)).toMatchObject({ imported: 1, unchanged: 1 });
    expect(db.recordsFor('PyPI', 'requests').find((x) => x.id === 'PYSEC-2018-28')!.summary).toBe('newer');
  });

  it('reads zip archives, folders and JSON files; counts bad entries and other ecosystems', async () => {
    const d = AdvisoryDb.open(path.join(tmp, 'npm.sqlite'));
    try {
      const z = await d.importPath(path.join(DATA, 'osv', 'npm-all.zip'));
      expect(z.imported).toBe(4);
      expect(z.failed).toBe(1);
      expect(z.errors[0]).toMatch(/broken\.json: invalid JSON/);
      expect(d.recordsFor('npm', 'lodash').map((r) => r.id).sort()).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
      const folder = path.join(tmp, 'folder');
      fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(folder, 'sub', 'go.json'), JSON.stringify({ id: 'GO-1', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Go', name: 'x' } }] }));
      fs.writeFileSync(path.join(folder, 'list.json'), JSON.stringify([{ id: 'A-1', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'Left-Pad' }, versions: ['1.0.0'] }] }, { nope: true }]));
      const f = await d.importPath(folder);
      expect(f).toMatchObject({ imported: 1, skipped: 1, failed: 1 });
      expect(d.recordsFor('npm', 'left-pad').map((r) => r.id).sort()).toEqual(['A-1', 'REDPEN-TEST-1']);
    } finally {
      d.close();
    }
  });
});
