/**
 * Turning raw secrets into Findings. This is where values stop: a Finding carries the
 * secret's redacted form and keyed fingerprint (redact.ts), never the value, in any field.
 */
import type { LineIndex } from '../core/ast.js';
import type { Finding, Severity } from '../core/types.js';
import type { SecretMark } from './redact.js';
import type { RawSecret } from './types.js';

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

/**
 * Findings for the secrets of one document; snippets redact every secret on their line.
 * `mark` registers a value with the document's redaction and returns its fingerprint and form.
 */
export function buildFindings(found: RawSecret[], ctx: BuildContext, mark: (value: string) => SecretMark): Finding[] {
  const { lines, text, path } = ctx;
  const inTest = isTestPath(path);
  const marks = found.map((r) => mark(r.value));
  const redactions = marks.map((m) => m.redacted);
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
      // ids only, as rule findings and the output schema have them; the title stays in metadata
      cwe: ['CWE-798'],
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
        fingerprint: marks[i].fingerprint,
        ...(r.validated ? { validated: true } : {}),
        ...(inTest ? { inTestFile: true } : {}),
      },
    };
    return f;
  });
}
