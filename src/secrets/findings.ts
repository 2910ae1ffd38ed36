/**
 * Turning raw secrets into Findings. This is where values stop: a Finding carries the
 * secret's first few characters and its sha256, never the value, in every field.
 */
import { createHash } from 'node:crypto';
import type { LineIndex } from '../core/ast.js';
import type { Finding, Severity } from '../core/types.js';
import type { RawSecret } from './types.js';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** First characters (never more than a quarter of the value) and a short hash. */
export function redact(value: string, hash = sha256(value)): string {
  if (value.startsWith('-----BEGIN')) {
    const header = /^-----BEGIN [A-Z0-9 ]{1,40}-----/.exec(value)?.[0] ?? '-----BEGIN';
    return `${header}…[redacted ${hash.slice(0, 8)}]`;
  }
  const n = value.length;
  const show = n >= 24 ? 6 : n >= 16 ? 4 : n >= 10 ? 2 : 0;
  return `${value.slice(0, show)}…[redacted ${hash.slice(0, 8)}]`;
}

const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|testdata|test-data|test_data|__mocks__|mocks?|e2e|cypress|examples?|samples?)\/|(^|\/)(test_[^/]*|[^/]*_test\.[a-z]+|[^/]*\.(test|spec|e2e)\.[a-z]+|conftest\.py|[^/]*Tests?\.(java|kt|cs|scala|swift))$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path.replace(/\\/g, '/'));
}

const LOWER: Record<Severity, Severity> = { critical: 'medium', high: 'low', medium: 'low', low: 'info', info: 'info' };

const STORE = 'load it from an environment variable or a secret manager (Vault, AWS/GCP Secret Manager, Azure Key Vault, Doppler) so it never enters the repository';

function message(r: RawSecret, inTest: boolean): string {
  const { spec } = r;
  const what = `${spec.name}${r.context ? ` ${r.context}` : ''}${r.validated ? ' (its checksum or structure is valid)' : ''}.`;
  const why =
    spec.family === 'generic'
      ? 'A credential in code is readable by everyone with the repository, its history or a build, and cannot be rotated without a release.'
      : 'Anyone who can read the repository, its history or a build can use it.';
  const revoke = `Revoke or rotate it now${spec.revoke ? ` (${spec.revoke})` : ''}, then ${STORE}.`;
  const test = inTest ? ' In a test file, so reported at lower severity: prefer an obviously fake value.' : '';
  return `${what} ${why} ${revoke}${test}`;
}

export interface BuildContext {
  path: string;
  lines: LineIndex;
  text: string;
}

/** Findings for the secrets of one document; snippets redact every secret on their line. */
export function buildFindings(found: RawSecret[], ctx: BuildContext): Finding[] {
  const { lines, text, path } = ctx;
  const inTest = isTestPath(path);
  const hashes = found.map((r) => sha256(r.value));
  const redactions = found.map((r, i) => redact(r.value, hashes[i]));
  return found.map((r, i) => {
    const start = lines.position(r.start);
    const end = lines.position(r.end);
    let severity = r.severity ?? r.spec.severity;
    if (inTest) severity = LOWER[severity];
    const confidence = r.confidence ?? r.spec.confidence;
    const lineStart = lines.starts[start.line - 1];
    const lineText = lines.lineText(start.line);
    const lineEnd = lineStart + lineText.length;
    // every secret touching this line is replaced, not only this finding's
    let snippet = '';
    let cursor = lineStart;
    for (let j = 0; j < found.length; j++) {
      const o = found[j];
      if (o.end <= lineStart || o.start >= lineEnd) continue;
      const s = Math.max(o.start, lineStart);
      if (s < cursor) continue;
      snippet += text.slice(cursor, s) + (o.start >= lineStart ? redactions[j] : '…');
      cursor = Math.min(o.end, lineEnd);
    }
    snippet += text.slice(cursor, lineEnd);
    const f: Finding = {
      ruleId: `secrets.${r.spec.id}`,
      kind: 'secret',
      message: message(r, inTest),
      severity,
      confidence,
      location: { path, start, end },
      snippet: snippet.trimEnd(),
      cwe: ['CWE-798: Use of Hard-coded Credentials'],
      owasp: ['A07:2021 - Identification and Authentication Failures'],
      metadata: {
        category: 'security',
        subcategory: ['secrets'],
        confidence,
        family: r.spec.family,
        detector: r.spec.id,
        cwe: ['CWE-798: Use of Hard-coded Credentials'],
        owasp: ['A07:2021 - Identification and Authentication Failures'],
      },
      fingerprint: '',
      secret: {
        detector: r.spec.id,
        redacted: redactions[i],
        hash: hashes[i],
        ...(r.validated ? { validated: true } : {}),
        ...(inTest ? { inTestFile: true } : {}),
      },
    };
    return f;
  });
}

/**
 * Replace raw values in findings that other detectors and rules produced for the same
 * document (a rule's snippet may quote the line a key sits on).
 */
export function scrubFindings(findings: Finding[], values: string[]): void {
  const needles: [string, string][] = [];
  for (const v of values) {
    const r = redact(v);
    if (v.length >= 6) needles.push([v, r]);
    // multi-line values (keys): each long line on its own
    if (v.includes('\n')) for (const l of v.split(/\r?\n/)) if (l.trim().length >= 16) needles.push([l.trim(), r]);
  }
  if (needles.length === 0) return;
  needles.sort((a, b) => b[0].length - a[0].length);
  const clean = (s: string): string => {
    let out = s;
    for (const [v, r] of needles) if (out.includes(v)) out = out.split(v).join(r);
    return out;
  };
  for (const f of findings) {
    f.snippet = clean(f.snippet);
    f.message = clean(f.message);
    if (f.metavars) for (const m of Object.values(f.metavars)) m.text = clean(m.text);
    if (f.trace) for (const t of f.trace) {
      t.message = clean(t.message);
      if (t.snippet) t.snippet = clean(t.snippet);
    }
    if (f.fix) {
      f.fix.description = clean(f.fix.description);
      for (const e of f.fix.edits) e.replacement = clean(e.replacement);
    }
  }
}
