/**
 * The library API. The CLI, MCP server and hooks are thin surfaces over these functions, so
 * `scan()` here returns exactly the findings `redpen scan` prints.
 */
import { UserError } from './core/errors.js';
import type { Rule } from './core/rule.js';
import { Scanner, type Detector } from './core/scanner.js';
import type { LanguageId, ScanError, ScanResult, Severity } from './core/types.js';
import { loadRuleConfigs } from './config/rules.js';
import { languageForName } from './languages/index.js';
import { addModelsDir } from './languages/models.js';
import { runScan, assemble } from './runner/index.js';
import { createDetectors, type DetectorConfig } from './runner/detectors.js';
import { ruleInfo } from './engine/rules/compile.js';
import './capabilities.js';

export interface ScanOptions {
  /** Rule packs, files or folders (default: the bundled `recommended` pack). */
  config?: string[];
  /** Rules already loaded (instead of `config`). */
  rules?: Rule[];
  /** Folders of framework models (concepts) to add before rules load. */
  models?: string[];
  /** Lowest severity reported. */
  severity?: Severity;
  /** Detect secrets (default true). */
  secrets?: boolean;
  cwd?: string;
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** Result cache: false (the library default), true for the default folder, or a folder. */
  cache?: boolean | string;
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Real paths of the only folders files may be read from, for paths taken from a model or a
   * client (src/files/confine.ts). The named paths are the caller's to check; this bounds what
   * the scan itself reads beyond them (files a requirements file includes).
   */
  roots?: string[];
  /**
   * Key of secret fingerprints (64 hex digits; a baseline's `salt`). Default: the
   * REDPEN_SECRET_KEY environment variable, else a key kept in this user's cache folder.
   */
  secretKey?: string;
}

export type ScanInput =
  | { code: string; language?: LanguageId | string; filename?: string }
  | { paths: string[] };

export async function loadRules(config: string[] = ['recommended'], cwd?: string, models: string[] = []): Promise<{ rules: Rule[]; warnings: ScanError[] }> {
  for (const m of models) addModelsDir(m);
  const loaded = await loadRuleConfigs(config, cwd);
  return {
    rules: loaded.rules,
    warnings: loaded.warnings.map((w) => ({ path: w.file, kind: 'rule' as const, level: 'warning' as const, message: w.message, ruleId: w.ruleId })),
  };
}

function detectorConfig(o: ScanOptions): DetectorConfig {
  return { secrets: o.secrets ?? true, ...(o.roots ? { dependencies: { roots: o.roots } } : {}) };
}

/** Scan a snippet or files and folders; the same findings as `redpen scan`. */
export async function scan(input: ScanInput, options: ScanOptions = {}): Promise<ScanResult> {
  const { rules, warnings } = options.rules ? { rules: options.rules, warnings: [] } : await loadRules(options.config, options.cwd, options.models);
  if ('paths' in input) {
    return runScan({
      paths: input.paths,
      rules,
      detectors: detectorConfig(options),
      cwd: options.cwd,
      include: options.include,
      exclude: options.exclude,
      maxFileBytes: options.maxFileBytes,
      cache: options.cache ?? false,
      jobs: options.jobs,
      severity: options.severity,
      onProgress: options.onProgress,
      errors: warnings,
      secretKey: options.secretKey,
    });
  }
  const started = performance.now();
  const scanner = await Scanner.create({ rules, detectors: createDetectors(detectorConfig(options)), maxFileBytes: options.maxFileBytes, secretKey: options.secretKey });
  const language = input.language ? resolveLanguage(input.language) : undefined;
  const name = input.filename ?? '<snippet>';
  const result = scanner.scanText(name, input.code, language);
  return assemble([result], warnings, rules.map(ruleInfo), options.severity, [name], started);
}

export function resolveLanguage(name: string): LanguageId {
  const l = languageForName(name);
  if (!l) throw new UserError(`unknown language \`${name}\` (supported: python, javascript, typescript, tsx)`);
  return l;
}

/**
 * A warm scanner for embedding (IDE, model gateway, inference-time guard): grammars and rules
 * load once; `scanText` then costs only the parse and the match.
 */
export async function createScanner(options: ScanOptions & { detectors?: Detector[] } = {}): Promise<Scanner> {
  const { rules } = options.rules ? { rules: options.rules } : await loadRules(options.config, options.cwd, options.models);
  return Scanner.create({
    rules,
    detectors: options.detectors ?? createDetectors(detectorConfig(options)),
    maxFileBytes: options.maxFileBytes,
    secretKey: options.secretKey,
  });
}
