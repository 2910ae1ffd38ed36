/**
 * Machine output: a documented, versioned schema (schemas/redpen-output.schema.json).
 * Bump SCHEMA_VERSION's major number on any incompatible change.
 */
import type { Reporter } from './types.js';

export const SCHEMA_VERSION = '1.1.0';
export const SCHEMA_URI = 'https://redpen.dev/schemas/redpen-output-1.json';

export const jsonReporter: Reporter = {
  format: 'json',
  extension: 'json',
  render(result, o) {
    const out = {
      $schema: SCHEMA_URI,
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'redpen', version: o.version },
      findings: result.findings,
      suppressed: result.suppressed,
      errors: result.errors,
      unchecked: result.unchecked ?? [],
      ...(result.config ? { config: result.config } : {}),
      stats: result.stats,
      paths: result.paths,
      rules: result.rules.map((r) => ({ id: r.id, severity: r.severity, languages: r.languages, shortDescription: r.shortDescription })),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  },
};
