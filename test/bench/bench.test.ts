/**
 * The benchmark's own logic that a wrong number would come from: label parsing and twin
 * scoring, the generated corpus's labels, the plug-in loader, and the statistics. No timing
 * is asserted anywhere (speed goals live in the benchmark report).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusLabels, labelsOf, score } from '../../bench/lib/twins.js';
import { loadPlugin, runPlugins } from '../../bench/lib/plugins.js';
import { evaluateGoals } from '../../bench/lib/report.js';
import { countLines, listFiles, median, percentile, summarize } from '../../bench/lib/util.js';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'corpus');

describe('twin labels and scoring', () => {
  it('reads labels from Python, JavaScript and JSX comments', () => {
    const text = [
      'cursor.execute(q)  # bench: vuln CWE-89',
      'ok = 1',
      'res.send(html); // bench: safe CWE-79',
      '<div dangerouslySetInnerHTML={{ __html: x }} /> {/* bench: vuln CWE-79 */}',
      'requests.get(url, verify=False)  # bench: vuln CWE-918 CWE-295',
      '# bench: nothing here',
    ].join('\n');
    expect(labelsOf(text)).toEqual([
      { line: 1, kind: 'vuln', cwes: ['CWE-89'] },
      { line: 3, kind: 'safe', cwes: ['CWE-79'] },
      { line: 4, kind: 'vuln', cwes: ['CWE-79'] },
      { line: 5, kind: 'vuln', cwes: ['CWE-918', 'CWE-295'] },
    ]);
  });

  it('counts covered vulnerable lines as detections and covered safe lines as false alarms', () => {
    const labels = [
      { path: 'a/vulnerable.py', line: 10, kind: 'vuln' as const, cwes: ['CWE-89'] },
      { path: 'a/fixed.py', line: 10, kind: 'safe' as const, cwes: ['CWE-89'] },
      { path: 'b/vulnerable.js', line: 5, kind: 'vuln' as const, cwes: ['CWE-78'] },
      { path: 'b/fixed.js', line: 7, kind: 'safe' as const, cwes: ['CWE-78'] },
    ];
    const findings = [
      { path: 'a/vulnerable.py', line: 9, endLine: 11, ruleId: 'sqli', cwe: ['CWE-89: SQL injection'] },
      { path: 'a/fixed.py', line: 10, ruleId: 'sqli', cwe: ['CWE-89'] },
      { path: 'b/vulnerable.js', line: 6, ruleId: 'exec', cwe: ['CWE-78'] },
      { path: 'b/fixed.js', line: 1, ruleId: 'other', cwe: ['CWE-20'] },
    ];
    const s = score(labels, findings);
    expect(s).toMatchObject({ vulnerable: 2, safe: 2, detected: 1, falseAlarms: 1, recall: 0.5, precision: 0.5, unlabelled: 2 });
    expect(s.missed).toEqual(['b/vulnerable.js:5 CWE-78']);
    expect(s.alarms).toEqual(['a/fixed.py:10 sqli']);
  });

  it('with cweMatch, a finding of another weakness on the line does not count', () => {
    const labels = [{ path: 'v.py', line: 3, kind: 'vuln' as const, cwes: ['CWE-502'] }];
    expect(score(labels, [{ path: 'v.py', line: 3, ruleId: 'x', cwe: ['CWE-94'] }], { cweMatch: true }).detected).toBe(0);
    expect(score(labels, [{ path: 'v.py', line: 3, ruleId: 'x', cwe: ['CWE-94'] }]).detected).toBe(1);
    expect(score(labels, [{ path: 'v.py', line: 3, ruleId: 'x', cwe: ['CWE-502'] }], { cweMatch: true }).detected).toBe(1);
  });
});

describe('the generated-style corpus', () => {
  it('holds vulnerable and fixed twins whose labels correspond', async () => {
    const files = await listFiles(corpusDir, (f) => /\.(py|js|ts|tsx)$/.test(f));
    const cases = new Map<string, string[]>();
    for (const f of files) {
      const dir = path.posix.dirname(f);
      cases.set(dir, [...(cases.get(dir) ?? []), path.posix.basename(f)]);
    }
    expect(cases.size).toBeGreaterThanOrEqual(20);
    const labels = await corpusLabels(corpusDir, files);
    const problems: string[] = [];
    for (const [dir, names] of cases) {
      const vuln = names.find((n) => n.startsWith('vulnerable.'));
      const fixed = names.find((n) => n.startsWith('fixed.'));
      if (!vuln || !fixed || names.length !== 2) {
        problems.push(`${dir}: needs exactly vulnerable.* and fixed.* (has ${names.join(', ')})`);
        continue;
      }
      const v = labels.filter((l) => l.path === `${dir}/${vuln}`);
      const s = labels.filter((l) => l.path === `${dir}/${fixed}`);
      if (!v.length || v.some((l) => l.kind !== 'vuln')) problems.push(`${dir}: the vulnerable twin needs vuln labels only`);
      if (s.some((l) => l.kind !== 'safe')) problems.push(`${dir}: the fixed twin may hold safe labels only`);
      const cwes = (ls: typeof v) => [...new Set(ls.flatMap((l) => l.cwes))].sort();
      if (JSON.stringify(cwes(v)) !== JSON.stringify(cwes(s))) problems.push(`${dir}: twins label different weaknesses (${cwes(v)} vs ${cwes(s)})`);
    }
    expect(problems).toEqual([]);
  });
});

describe('plug-ins', () => {
  it('loads both export shapes and reports a failing plug-in without stopping the others', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-bench-plugins-'));
    try {
      await fs.writeFile(path.join(dir, 'a.js'), "export default { name: 'alpha', title: 'Alpha', run: (ctx) => ({ markdown: `cores ${ctx.cores}`, json: { n: 1 } }) };\n");
      await fs.writeFile(path.join(dir, 'b.js'), "export default async function (ctx) { return { markdown: 'beta' }; }\n");
      await fs.writeFile(path.join(dir, 'c.js'), "export default { name: 'gamma', run() { throw new Error('no peer'); } };\n");
      await fs.writeFile(path.join(dir, 'd.js'), 'export const nothing = 1;\n');
      expect((await loadPlugin(path.join(dir, 'b.js'))).name).toBe('b');
      const sections = await runPlugins({ cores: 2 }, ['a.js', 'b.js', 'c.js', 'd.js'].map((f) => path.join(dir, f)));
      expect(sections.map((s) => [s.name, s.markdown ?? null, s.error ?? null])).toEqual([
        ['alpha', 'cores 2', null],
        ['b', 'beta', null],
        ['gamma', null, 'no peer'],
        [expect.stringContaining('d.js'), null, expect.stringContaining('exports neither')],
      ]);
      expect(sections[0].json).toEqual({ n: 1 });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('statistics', () => {
  it('median, nearest-rank percentiles and spread', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summarize([])).toBeNull();
  });

  it('counts lines as editors do', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
  });
});

describe('goals', () => {
  const s = (median: number) => ({ median, min: median, max: median, n: 1 });
  const entry = (ms: number, processMs = ms, maxRssKB = 100_000) => ({ ms: s(ms), processMs: s(processMs), maxRssKB, runs: 1 });
  const results = (over: Record<string, unknown> = {}) => ({
    meta: { cores: 2 },
    pack: { rules: 10, taintRules: 0, detectors: [] },
    corpora: [{ id: 'python-stdlib' }, { id: 'npm-packages' }, { id: 'scale-10x', scale: 10 }],
    snippets: { summary: { '100': { p99: 12.5 } } },
    peers: {},
    measurements: {
      'python-stdlib': {
        'redpen parse 1': entry(1000),
        'redpen scan 1': entry(3000, 4000),
        'redpen parse 2': entry(600),
        'redpen scan 2': entry(900, 2000),
        'redpen taint 2': { error: 'did not finish', timedOutMs: 6000, runs: 1 },
        'bandit 1': entry(30_000, 30_000),
      },
      'npm-packages': {
        'redpen parse 1': entry(1000),
        'redpen scan 1': entry(1500, 2000),
        'redpen parse 2': entry(1000),
        'redpen scan 2': entry(1200, 1600),
        'redpen taint 2': entry(2500),
        'eslint 1': entry(12_000, 12_000, 600_000),
        'eslint 2': entry(9_000, 9_000),
      },
      'scale-10x': { 'redpen scan 2': entry(5000, 5000, 700_000) },
    },
    ...over,
  });
  const byGoal = (r: unknown) => Object.fromEntries(evaluateGoals(r).map((g) => [g.goal.split(' ').slice(0, 3).join(' '), g]));

  it('says by how much a goal is missed, and counts only redpen against memory', () => {
    const g = byGoal(results());
    expect(g['Full scan within']).toMatchObject({ status: 'missed', measured: expect.stringContaining('3.00x (python-stdlib, 1 worker)') });
    expect(g['Full scan within'].detail).toContain('1.50x over the goal');
    // the taint scan that timed out gives a lower bound of 6000 / 600 ms = 10x
    expect(g['Full scan with']).toMatchObject({ status: 'missed' });
    expect(g['Full scan with'].detail).toContain('at least 3.33x over the goal');
    expect(g['Snippet p99 under']).toMatchObject({ status: 'missed', detail: '1.25x over the goal' });
    // Bandit: 30 s against redpen's 4 s (1 worker) and 2 s (all cores)
    expect(g['At least 10x']).toMatchObject({ status: 'met', measured: expect.stringContaining('15.00x faster (all 2 cores)') });
    expect(g['At least 10x'].measured).toContain('7.50x faster (1 worker each)');
    expect(g['At least 5x']).toMatchObject({ status: 'met', measured: '6.00x faster (1 worker each); 5.63x faster (all 2 cores)' });
    expect(g['Peak memory under']).toMatchObject({ status: 'missed', measured: expect.stringContaining('700 MB (scale-10x') });
    expect(g['Secret detection at']).toMatchObject({ status: 'not measured', detail: 'this build registers no secret detectors yet' });
  });

  it('reports a missing peer as not measured, with the reason', () => {
    const r = results();
    delete (r.measurements['python-stdlib'] as Record<string, unknown>)['bandit 1'];
    (r as { peers: Record<string, unknown> }).peers = { bandit: { error: 'apt-get download failed' } };
    expect(byGoal(r)['At least 10x']).toMatchObject({ status: 'not measured', detail: 'bandit not measured: apt-get download failed' });
  });
});
