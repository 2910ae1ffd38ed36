/**
 * Issue 13, item 3: redpen's own regexes cannot hang it. Every regex literal and every
 * `RegExp(...)` in src/ goes through redpen's ReDoS analysis (analyzeRegex, what the ReDoS
 * rules run), with time to finish; every regex of the detectors (src/secrets, src/deps) through
 * the linear-time lint. A regex that is flagged but safe where it is used is listed below with
 * the reason, never skipped silently; an entry that no longer matches a regex fails too.
 */
import { describe, expect, it } from 'vitest';
import { analyzeRegex } from '../../src/engine/redos.js';
import { SecretEngine } from '../../src/secrets/engine.js';
import { judge } from '../../src/secrets/generic.js';
import { lintRegex } from './regex-lint.js';
import { sourceRegexes, type SourceRegex } from './regexes.js';

const EXAMPLE_HOST = String.raw`@(?:[\w-]{1,63}\.)*(?:example\.(?:com|org|net)|[\w-]{1,63}\.(?:example|test|invalid)|host(?:name)?|your[\w.-]{0,40}|domain\.com|server)(?![\w.-])`;

/** Flagged by the analysis, safe where used: file, pattern, and why. */
const REDOS_ALLOWED: { file: string; source: string; why: string }[] = [
  {
    file: 'src/deps/check.ts',
    source: String.raw`[\s,.;:]+$`,
    why: 'runs on a summary already cut to `max` characters (a one-line advisory summary)',
  },
  ...['src/deps/osvapi.ts', 'src/deps/registry.ts', 'src/deps/update.ts', 'src/guard/proxy.ts'].map((file) => ({
    file,
    source: String.raw`\/+$`,
    why: 'trims a base URL the operator configured (option or environment), not scanned input',
  })),
  {
    file: 'src/deps/imports.ts',
    source: String.raw`[.,:;!?)]+$`,
    why: 'runs on one token of an install command, and tokens over 300 characters are skipped first',
  },
  {
    file: 'src/deps/imports.ts',
    source: String.raw`^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$`,
    why: 'runs on one token of an install command (at most 300 characters, no newline)',
  },
  {
    file: 'src/secrets/providers/keys.ts',
    source: EXAMPLE_HOST,
    why: 'tested on one URL-credential match: at most about 400 characters with exactly one `@`, where it is anchored',
  },
];

/** `RegExp(...)` calls whose pattern is computed: what they compile, and why that is safe. */
const DYNAMIC_ALLOWED: { file: string; arg: string; why: string }[] = [
  { file: 'src/deps/manifests/python.ts', arg: 'escapeRegExp(section)', why: 'a TOML section name, escaped, between `^\\s*\\[` and `\\]`; run on one line' },
  { file: 'src/deps/manifests/python.ts', arg: 'escapeRegExp(key)', why: 'a TOML key, escaped, anchored at the start of one line' },
  { file: 'src/deps/manifests/python.ts', arg: 'escapeRegExp(o.name)', why: 'a package name, escaped, anchored at the start of one line' },
  { file: 'src/engine/run.ts', arg: '`${esc}(?![A-Z0-9_])`', why: 'a metavariable name, escaped: a literal and a one-character lookahead' },
  { file: 'src/engine/taint/run.ts', arg: '`${name.replace(', why: 'a metavariable name, escaped: a literal and a one-character lookahead' },
  { file: 'src/secrets/engine.ts', arg: 'spec.regex.source', why: 'a provider pattern with new flags; every one passes the bounded lint (test/secrets/patterns.test.ts)' },
  { file: 'src/secrets/providers/build.ts', arg: '`(?:${alt})${body}', why: 'builds provider patterns; each built one passes the bounded lint (test/secrets/patterns.test.ts)' },
  { file: 'src/secrets/providers/build.ts', arg: '`(?:${words.map(esc)', why: 'builds provider patterns; each built one passes the bounded lint (test/secrets/patterns.test.ts)' },
  { file: 'src/secrets/providers/keys.ts', arg: '`(?:${schemes.map(', why: 'a provider pattern (URL credentials); passes the bounded lint (test/secrets/patterns.test.ts)' },
  { file: 'src/secrets/providers/keys.ts', arg: '`(?<![A-Za-z0-9+.\\\\-])(?:https?', why: 'a provider pattern (URL credentials); passes the bounded lint (test/secrets/patterns.test.ts)' },
  { file: 'src/hooks/init.ts', arg: '`\\\\shook ${agent}\\\\b`', why: 'an agent name from the fixed list of supported agents: a literal' },
  { file: 'src/hooks/init.ts', arg: '`\\\\s+hook ${agent}\\\\b[\\\\s\\\\S]*$`', why: 'an agent name from the fixed list; run on one hook command string from the settings file' },
  { file: 'src/secrets/redact.ts', arg: "`(?<![A-Za-z0-9])(?:${PREFIXES.map(escapeRe).join('|')})`", why: 'fixed provider prefixes, escaped, as alternatives: a literal set with a one-character lookbehind' },
  // rule regexes (rule text): run only through RuleRegex (src/engine/regex.ts): bounded, linear (RE2) or stopped in time (test/hardening/hangs.test.ts)
  { file: 'src/engine/pattern/compile.ts', arg: 's', why: 'a rule regex in JavaScript form (toJsRegex), run only through RuleRegex' },
  { file: 'src/engine/regex.ts', arg: '`^(?:${base.source})`', why: 'a rule regex in JavaScript form, run in process only without unbounded quantifiers, else in the stoppable worker' },
  { file: 'src/engine/regex-worker.ts', arg: 'req.source', why: 'a rule regex in JavaScript form: without unbounded quantifiers, or in the worker that is stopped in time' },
];

/** Detector regexes the structural lint flags although they cannot backtrack: why. */
const LINT_ALLOWED: { file: string; source: string; why: string }[] = [
  {
    file: 'src/secrets/generic.ts',
    source: String.raw`^_{0,4}[A-Za-z]+(?:[_.\-/ ]{1,2}[A-Za-z]+)*_{0,4}$`,
    why: 'each repetition starts with a separator the words exclude, so a string splits one way only',
  },
  {
    file: 'src/secrets/generic.ts',
    source: String.raw`^[a-z]{4}(?: [a-z]{4}){3}$`,
    why: 'fixed counts only: at most 19 characters are read',
  },
  {
    file: 'src/secrets/generic.ts',
    source: String.raw`^[a-z]+(?:[A-Z][a-z0-9]*)+$|^[a-z]+(?:[_.\-][a-z0-9]+)+$`,
    why: 'each repetition starts with a character the previous part excludes (an upper-case letter, a separator)',
  },
  {
    file: 'src/secrets/generic.ts',
    source: String.raw`^(?:[a-z]+|[A-Z]+)(?:[:/._\-]+(?:[a-z]+|[A-Z]+))+$`,
    why: 'each repetition starts with separators the words exclude',
  },
  {
    file: 'src/secrets/placeholders.ts',
    source: String.raw`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`,
    why: 'each repetition starts with `_`, which the words exclude',
  },
  {
    file: 'src/secrets/providers/keys.ts',
    source: EXAMPLE_HOST,
    why: 'each label ends at a dot, which the label excludes; its input is bounded (see REDOS_ALLOWED)',
  },
];

// recheck can take seconds on a large alternation on a loaded machine; it decides, not the clock
const ANALYSIS_MS = 120_000;

const all = sourceRegexes('src');
const written = all.filter((r): r is SourceRegex & { source: string } => r.source !== undefined);
const where = (r: SourceRegex) => `${r.file}:${r.line}`;

describe('regexes in src/ through the ReDoS analysis', () => {
  it('finds the regexes (literals and RegExp calls)', () => {
    expect(written.length).toBeGreaterThan(350);
    expect(all.filter((r) => r.dynamic !== undefined).length).toBeGreaterThan(10);
  });

  it(
    'every written-out regex is linear, or allowed with a reason',
    () => {
      const flagged: string[] = [];
      const used = new Set<number>();
      for (const r of written) {
        const res = analyzeRegex(r.source, r.flags, ANALYSIS_MS);
        const allowed = REDOS_ALLOWED.findIndex((a) => a.file === r.file && a.source === r.source);
        if (allowed >= 0) used.add(allowed);
        if ((res.vulnerable || res.unknown) && allowed < 0) {
          flagged.push(`${where(r)} /${r.source}/${r.flags}: ${res.unknown ? 'analysis did not finish' : `${res.complexity}, attack ${res.attack}`}`);
        }
      }
      expect(flagged).toEqual([]);
      expect(REDOS_ALLOWED.filter((_, i) => !used.has(i)).map((a) => `${a.file} ${a.source}`), 'allow-list entries that match no regex').toEqual([]);
    },
    30 * 60_000,
  );

  it('every RegExp with a computed pattern is accounted for', () => {
    const dynamic = all.filter((r) => r.dynamic !== undefined);
    const unexplained = dynamic.filter((r) => !DYNAMIC_ALLOWED.some((a) => a.file === r.file && r.dynamic!.includes(a.arg)));
    expect(unexplained.map((r) => `${where(r)} ${r.dynamic}`)).toEqual([]);
    const stale = DYNAMIC_ALLOWED.filter((a) => !dynamic.some((r) => a.file === r.file && r.dynamic!.includes(a.arg)));
    expect(stale.map((a) => `${a.file} ${a.arg}`)).toEqual([]);
  });
});

describe('detector regexes through the linear-time lint', () => {
  const detector = written.filter((r) => /^src\/(secrets|deps)\//.test(r.file));

  it('no nested quantifier, or allowed with a reason that the analysis confirms', () => {
    expect(detector.length).toBeGreaterThan(150);
    const flagged: string[] = [];
    const used = new Set<number>();
    for (const r of detector) {
      const problems = lintRegex(r.source, { bounded: false });
      if (problems.length === 0) continue;
      const allowed = LINT_ALLOWED.findIndex((a) => a.file === r.file && a.source === r.source);
      if (allowed < 0) flagged.push(`${where(r)} /${r.source}/: ${problems.join(', ')}`);
      else {
        used.add(allowed);
        // the structure is safe by the reason given; the analysis agrees, or the input is bounded
        const bounded = REDOS_ALLOWED.some((a) => a.file === r.file && a.source === r.source);
        if (!bounded) expect(analyzeRegex(r.source, r.flags, ANALYSIS_MS), `${where(r)} is allowed as linear`).toMatchObject({ vulnerable: false });
      }
    }
    expect(flagged).toEqual([]);
    expect(LINT_ALLOWED.filter((_, i) => !used.has(i)).map((a) => `${a.file} ${a.source}`), 'allow-list entries that match no regex').toEqual([]);
  });
});

describe('the generic secret detector on the inputs that hung it', () => {
  // outcomes, not durations: before the fix these took seconds (24 letters) to minutes (31)
  const letters = 'kxqvbmzjrtwpfhgnsdlyceuaiokxqvbmzjrtwp';

  it('judges a long run of letters followed by a symbol', () => {
    for (const n of [24, 28, 31, 36]) {
      expect(judge(`${letters.slice(0, n)}!`, { kind: 'token', strong: true })).toBe('high');
    }
  });

  it('scans the shapes from the report (.env, Python, JS property) to a finding', () => {
    const engine = new SecretEngine();
    const value = `${letters.slice(0, 31)}!`;
    for (const [path, text] of [
      ['.env', `API_TOKEN="${value}"\n`],
      ['app.py', `api_token = "${value}"\n`],
      ['app.js', `const config = { apiToken: "${value}" };\n`],
    ]) {
      const found = engine.scan({ text, path });
      expect(found.length, path).toBeGreaterThan(0);
    }
  });
});
