/**
 * Which detectors (capabilities besides rules) a scan runs. A plain-data config, so it can
 * cross into worker threads; each thread builds its own detector instances from it.
 */
import type { Detector } from '../core/scanner.js';
import type { Finding, ScanError, Unchecked } from '../core/types.js';
import type { Target } from '../files/walk.js';

export interface DetectorConfig {
  /** Detect hard-coded secrets. */
  secrets?: boolean;
  /** Check dependencies (manifests, lockfiles, imports); options of the deps capability. */
  dependencies?: boolean | Record<string, unknown>;
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

/** A capability that looks at the scanned project as a whole (dependency manifests, imports). */
export interface ProjectAnalyzer {
  id: string;
  /** Findings, errors, and the checks that could not run (never reported as clean). */
  analyze(input: ProjectInput): Promise<{ findings: Finding[]; errors: ScanError[]; unchecked?: Unchecked[] }>;
}

export interface ProjectInput {
  targets: Target[];
  cwd: string;
  config: DetectorConfig;
}

const analyzers: ProjectAnalyzer[] = [];

export function registerProjectAnalyzer(a: ProjectAnalyzer): void {
  analyzers.push(a);
}

export function projectAnalyzers(): readonly ProjectAnalyzer[] {
  return analyzers;
}
