/**
 * The secrets capability: registers a Detector that finds provider credentials, private keys,
 * connection strings and generic hard-coded passwords/tokens in every document a scan reads
 * (source, config, markdown, notebook cells and outputs), unless DetectorConfig.secrets is off.
 *
 * Invariant: no raw value leaves this module. Each value is registered with the document's
 * redaction (DetectorInput.secrets), which hides it in every string of every finding of the
 * document (a rule's snippet or trace label may quote it; it may appear twice on a line), and
 * findings carry only its redacted form and keyed fingerprint.
 */
import type { Detector, DetectorInput } from '../core/scanner.js';
import type { Finding } from '../core/types.js';
import { registerDetectors } from '../runner/detectors.js';
import { SecretEngine } from './engine.js';
import { buildFindings } from './findings.js';

let shared: SecretEngine | null = null;

/** The engine with every detector compiled (once per thread). */
export function secretEngine(): SecretEngine {
  shared ??= new SecretEngine();
  return shared;
}

export class SecretsDetector implements Detector {
  readonly id = 'secrets';

  scan(input: DetectorInput): Finding[] {
    const raw = secretEngine().scan({
      text: input.text,
      path: input.path,
      tree: input.tree,
      // notebook outputs and markdown prose: `key: value` without quotes is a value
      configLike: input.unit === 'output' ? true : undefined,
    });
    return buildFindings(raw, { path: input.path, lines: input.lines, text: input.text }, (v) => input.secrets.mark(v));
  }

  needsTree(text: string): boolean {
    return secretEngine().wantsTree(text);
  }

  finish(findings: Finding[]): Finding[] {
    return withoutEchoes(findings, findings.filter((f) => f.kind !== 'secret'));
  }
}

/**
 * A generic secret (a literal judged by its name) inside a rule's hard-coded-credential
 * finding is the same alarm twice: the rule says more (which API, what to use instead), so
 * it stays. Provider-format findings stay beside it: they name the key to revoke.
 */
function withoutEchoes(findings: Finding[], others: Finding[]): Finding[] {
  const rules = others.filter((f) => f.cwe.some((c) => c.startsWith('CWE-798')));
  if (rules.length === 0) return findings;
  return findings.filter(
    (f) =>
      f.kind !== 'secret' ||
      !f.secret?.detector.startsWith('generic-') ||
      !rules.some((r) => r.location.path === f.location.path && r.location.start.offset < f.location.end.offset && f.location.start.offset < r.location.end.offset),
  );
}

registerDetectors((config) => (config.secrets === true ? [new SecretsDetector()] : []));

export { SecretEngine } from './engine.js';
export { PROVIDER_SPECS } from './providers/index.js';
export { FAMILIES, type Family, type SecretSpec } from './types.js';
export { isTestPath } from './findings.js';
export { redactedForm, secretFingerprint } from './redact.js';
