/**
 * Which detectors (capabilities besides rules) a scan runs. A plain-data config, so it can
 * cross into worker threads; each thread builds its own detector instances from it.
 */
import type { Detector } from '../core/scanner.js';

export interface DetectorConfig {
  /** Detect hard-coded secrets (issue: secrets). */
  secrets?: boolean;
}

export type DetectorFactory = (config: DetectorConfig) => Detector[];

const factories: DetectorFactory[] = [];

/** Capabilities register themselves here (see src/secrets). */
export function registerDetectors(f: DetectorFactory): void {
  factories.push(f);
}

export function createDetectors(config: DetectorConfig): Detector[] {
  return factories.flatMap((f) => f(config));
}
