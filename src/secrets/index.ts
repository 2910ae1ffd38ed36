/**
 * The secrets capability: registers a Detector that finds provider credentials, private keys,
 * connection strings and generic hard-coded passwords/tokens in every document a scan reads
 * (source, config, markdown, notebook cells and outputs), unless DetectorConfig.secrets is off.
 *
 * Invariant: no raw value leaves this module. Findings carry a redacted prefix and a sha256;
 * `finish` also scrubs the values from other findings of the same document (a rule's snippet
 * may quote the line a key sits on).
 */
import type { Detector, DetectorInput } from '../core/scanner.js';
import type { Finding } from '../core/types.js';
import { registerDetectors } from '../runner/detectors.js';
import { SecretEngine } from './engine.js';
import { buildFindings, scrubFindings } from './findings.js';

let shared: SecretEngine | null = null;

/** The engine with every detector compiled (once per thread). */
export function secretEngine(): SecretEngine {
  shared ??= new SecretEngine();
  return shared;
}

export class SecretsDetector implements Detector {
  readonly id = 'secrets';
  private values: string[] = [];

  scan(input: DetectorInput): Finding[] {
    const raw = secretEngine().scan({
      text: input.text,
      path: input.path,
      tree: input.tree,
      // notebook outputs and markdown prose: `key: value` without quotes is a value
      configLike: input.unit === 'output' ? true : undefined,
    });
    for (const r of raw) this.values.push(r.value);
    return buildFindings(raw, { path: input.path, lines: input.lines, text: input.text });
  }

  needsTree(text: string): boolean {
    return secretEngine().wantsTree(text);
  }

  finish(findings: Finding[]): void {
    const values = this.values;
    this.values = [];
    scrubFindings(findings.filter((f) => f.kind !== 'secret'), values);
  }
}

registerDetectors((config) => (config.secrets === true ? [new SecretsDetector()] : []));

export { SecretEngine } from './engine.js';
export { PROVIDER_SPECS } from './providers/index.js';
export { FAMILIES, type Family, type SecretSpec } from './types.js';
export { redact, isTestPath } from './findings.js';
