/**
 * Taint across files: calls into project modules use the callee's summary, through imports,
 * re-exports and chains of modules.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRulesFromText } from '../../src/engine/rules/load.js';
import { runScan } from '../../src/runner/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const rule = (languages: string) => loadRulesFromText(`rules:
  - id: t.sqli
    mode: taint
    message: request data reaches SQL
    severity: ERROR
    languages: [${languages}]
    pattern-sources:
      - concept: remote-source
    pattern-sinks:
      - concept: sql-sink
`, 'r.yaml').rules;

describe('cross-file taint', () => {
  for (const jobs of [1, 2]) {
    it(`Python: imports, relative imports and chains (jobs=${jobs})`, async () => {
      const cwd = path.join(here, 'interfile', 'py');
      const r = await runScan({ paths: ['.'], rules: rule('python'), cache: false, jobs, cwd });
      const found = r.findings.map((f) => `${f.location.path}:${f.location.start.line}`);
      // the sink in db.py, reached from views.py directly and through service.py; run_safe is parameterised
      expect(found).toEqual(['app/db.py:6']);
      const trace = r.findings[0].trace!;
      expect(trace[0].location.path).toBe('app/views.py');
      expect(trace.some((s) => s.kind === 'call' && s.location.path === 'app/views.py')).toBe(true);
      expect(trace[trace.length - 1]).toMatchObject({ kind: 'sink', location: { path: 'app/db.py' } });
    });

    it(`JavaScript/TypeScript: require, import, re-export (jobs=${jobs})`, async () => {
      const cwd = path.join(here, 'interfile', 'js');
      const r = await runScan({ paths: ['.'], rules: rule('javascript, typescript'), cache: false, jobs, cwd });
      const found = r.findings.map((f) => `${f.location.path}:${f.location.start.line}`);
      expect(found).toEqual(['lib/db.js:6']);
      const sources = r.findings[0].trace!.filter((s) => s.kind === 'source').map((s) => s.location.path);
      expect(sources).toEqual(['routes.js']);
    });
  }

  it('one file alone reports nothing (the flow needs both files)', async () => {
    const cwd = path.join(here, 'interfile', 'py');
    const r = await runScan({ paths: ['app/views.py'], rules: rule('python'), cache: false, cwd });
    expect(r.findings).toEqual([]);
  });
});
