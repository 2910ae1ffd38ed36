import { describe, expect, it } from 'vitest';
import { Scanner } from '../../src/core/scanner.js';
import { loadRulesFromText, RuleLoadError } from '../../src/engine/rules/load.js';

function loadError(yaml: string): RuleLoadError {
  try {
    loadRulesFromText(yaml, 'rules.yaml');
  } catch (e) {
    if (e instanceof RuleLoadError) return e;
    throw e;
  }
  throw new Error('expected a load error');
}

const base = (extra: string) => `rules:\n  - id: r1\n    message: m\n    severity: ERROR\n    languages: [python]\n${extra}`;

describe('rule loading', () => {
  it('names an unsupported key, the rule and the line', () => {
    const e = loadError(base('    pattern: eval(...)\n    pattern-where-python: "True"\n'));
    expect(e.message).toContain('pattern-where-python');
    expect(e.ruleId).toBe('r1');
    expect(e.line).toBe(7);
  });

  it('names an unsupported key inside patterns', () => {
    const e = loadError(base('    patterns:\n      - pattern: eval(...)\n      - pattern-whatever: x\n'));
    expect(e.message).toContain('pattern-whatever');
    expect(e.line).toBe(8);
  });

  it('rejects the experimental match syntax with a hint', () => {
    expect(loadError(base('    match:\n      all: [x]\n')).message).toMatch(/match.*not supported/);
  });

  it('rejects an unknown option', () => {
    expect(loadError(base('    pattern: eval(...)\n    options:\n      frobnicate: true\n')).message).toContain('frobnicate');
  });

  it('rejects an unknown redos complexity', () => {
    const analysis = (opts: string) => base(`    patterns:\n      - pattern: re.compile($R)\n      - metavariable-analysis:\n          metavariable: $R\n          analyzer: redos\n          options:\n${opts}`);
    expect(loadError(analysis('            complexity: quadratic\n')).message).toMatch(/complexity/);
    expect(loadError(analysis('            depth: 3\n')).message).toContain('depth');
    expect(() => loadRulesFromText(analysis('            complexity: exponential\n'), 'rules.yaml')).not.toThrow();
  });

  it('requires a formula, message and severity', () => {
    expect(loadError('rules:\n  - id: r\n    message: m\n    severity: ERROR\n    languages: [python]\n').message).toMatch(/needs one of pattern/);
    expect(loadError('rules:\n  - id: r\n    severity: ERROR\n    languages: [python]\n    pattern: x\n').message).toMatch(/message/);
    expect(loadError('rules:\n  - id: r\n    message: m\n    severity: LOUD\n    languages: [python]\n    pattern: x\n').message).toMatch(/severity/);
  });

  it('reports invalid YAML with its line', () => {
    const e = loadError('rules:\n  - id: r\n    message: [unclosed\n');
    expect(e.message).toMatch(/invalid YAML/);
  });

  it('reports an invalid regex', () => {
    expect(loadError(base('    pattern-regex: "a(b"\n')).message).toMatch(/invalid regex/);
  });

  it('a pattern that does not parse is a load error naming the rule', async () => {
    const { rules } = loadRulesFromText(base('    pattern: "def def def ("\n'), 'rules.yaml');
    await expect(Scanner.create({ rules })).rejects.toThrow(/r1.*cannot parse pattern/s);
  });

  it('rules for languages redpen does not parse are warnings, not silent skips', () => {
    const r = loadRulesFromText('rules:\n  - id: j\n    message: m\n    severity: INFO\n    languages: [java]\n    pattern: x\n', 'rules.yaml');
    expect(r.rules).toHaveLength(0);
    expect(r.warnings[0].message).toMatch(/java/);
  });

  it('maps Semgrep severities and keeps metadata', () => {
    const r = loadRulesFromText(base('    pattern: eval(...)\n    metadata:\n      cwe: "CWE-95: Eval Injection"\n      confidence: HIGH\n      custom: 1\n'), 'rules.yaml');
    expect(r.rules[0].severity).toBe('high');
    expect(r.rules[0].metadata.cwe).toEqual(['CWE-95: Eval Injection']);
    expect(r.rules[0].metadata.confidence).toBe('high');
    expect(r.rules[0].metadata.custom).toBe(1);
  });
});

describe('loaded rules cached by content', () => {
  it('a second load reads the cache and gives the same rules and warnings; edits and broken entries are misses', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { loadRuleConfigs } = await import('../../src/config/rules.js');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-rulecache-'));
    const before = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
    try {
      const file = path.join(tmp, 'r.yaml');
      const two = `${base('    pattern: eval($X)\n')}  - id: r2\n    message: m\n    severity: ERROR\n    languages: [java]\n    pattern: foo()\n`;
      fs.writeFileSync(file, two);
      const first = await loadRuleConfigs([file], tmp);
      const entries = () => fs.readdirSync(path.join(tmp, 'cache', 'redpen', 'rules'));
      expect(entries()).toHaveLength(1);
      const second = await loadRuleConfigs([file], tmp);
      expect(JSON.parse(JSON.stringify(second.rules))).toEqual(JSON.parse(JSON.stringify(first.rules)));
      expect(second.warnings.map((w) => [w.message, w.line, w.ruleId])).toEqual(first.warnings.map((w) => [w.message, w.line, w.ruleId]));
      expect(second.warnings[0]).toBeInstanceOf(RuleLoadError);
      // the cached rules scan like freshly parsed ones
      const scanner = await Scanner.create({ rules: second.rules });
      expect(scanner.scanText('a.py', 'eval(x)\n').findings.map((f) => f.ruleId)).toEqual(['r1']);
      // the second load came from the entry: an edited entry is what loads
      const entry = path.join(tmp, 'cache', 'redpen', 'rules', entries()[0]);
      const stored = JSON.parse(fs.readFileSync(entry, 'utf8')) as { rules: { message: string }[] };
      stored.rules[0].message = 'from the cache';
      fs.writeFileSync(entry, JSON.stringify(stored));
      expect((await loadRuleConfigs([file], tmp)).rules[0].message).toBe('from the cache');
      // a broken entry is a miss, and is rewritten
      for (const broken of ['{"rules": [', '{"rules": 1}']) {
        fs.writeFileSync(entry, broken);
        const again = await loadRuleConfigs([file], tmp);
        expect(again.rules.map((r) => [r.id, r.message])).toEqual([['r1', 'm']]);
      }
      expect(() => JSON.parse(fs.readFileSync(entry, 'utf8'))).not.toThrow();
      // an edited file is a new entry, never the old rules
      fs.writeFileSync(file, base('    pattern: exec($X)\n'));
      const edited = await loadRuleConfigs([file], tmp);
      expect(entries()).toHaveLength(2);
      expect((await Scanner.create({ rules: edited.rules })).scanText('a.py', 'eval(x)\nexec(y)\n').findings.map((f) => f.location.start.line)).toEqual([2]);
    } finally {
      if (before === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = before;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
