import { describe, expect, it } from 'vitest';
import { analyzeRegex, isVulnerableRegex, mayBacktrack, mayBacktrackExponentially } from '../../src/engine/redos.js';

describe('redos analysis', () => {
  it('answers regexes without unbounded repetition without running the analysis', () => {
    for (const r of ['^\\d{3}-\\d{4}$', 'abc|def', '[*+]x', '\\*\\+', 'a{2,5}', '^(?:GET|POST) /\\w{1,8}']) expect(mayBacktrack(r), r).toBe(false);
    for (const r of ['a*', '(a|b)+c', 'x{2,}', '\\s+$', '[a-z]+@']) expect(mayBacktrack(r), r).toBe(true);
  });

  it('answers regexes whose repeated groups hold no choice without running the analysis (exponential only)', () => {
    for (const r of ['\\s*,\\s*x\\s*$', '(?:\\d\\.)+\\d+', '([\\w.+]+)\\s*\\(#?([^,]+)\\)', '(?P<k>ab)+c', '[(|]+']) expect(mayBacktrackExponentially(r), r).toBe(false);
    for (const r of ['^(a+)+$', '(a|ab)*c', '(?:x\\s?)+y', '(\\w+\\s?)*$', '(a(b)', 'a)(b+)+']) expect(mayBacktrackExponentially(r), r).toBe(true);
  });

  it('finds exponential and polynomial backtracking, and not in safe regexes', () => {
    expect(analyzeRegex('^(a+)+$')).toMatchObject({ vulnerable: true, complexity: 'exponential' });
    expect(isVulnerableRegex('^(a+)+$', true)).toBe(true);
    expect(isVulnerableRegex('\\s*,\\s*x\\s*$')).toBe(true);
    expect(isVulnerableRegex('\\s*,\\s*x\\s*$', true)).toBe(false);
    expect(isVulnerableRegex('^\\d{3}-\\d{4}$')).toBe(false);
    expect(isVulnerableRegex('^[a-z]+$')).toBe(false);
  });
});
