import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
};

export function reporterFor(format: string): Reporter | undefined {
  return REPORTERS[format];
}

export type { Reporter, ReportOptions } from './types.js';
