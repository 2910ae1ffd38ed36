/**
 * redpen's library API.
 *
 *   import { scan } from 'redpen-cli';   // the npm package; its command is `redpen`
 *   const result = await scan({ code, language: 'python' });
 */
export { scan, createScanner, loadRules, resolveLanguage, type ScanInput, type ScanOptions } from './api.js';
export { Scanner, type Detector, type DetectorInput } from './core/scanner.js';
export type * from './core/types.js';
export type { Rule, FormulaSpec } from './core/rule.js';
export { loadRulesFromText, RuleLoadError } from './engine/rules/load.js';
export { REPORTERS, reporterFor, type Reporter, type ReportOptions } from './report/index.js';
export { VERSION } from './version.js';
export { checkPackages, analyzeDependencies, AdvisoryDb, updateDatabase, type CheckOptions, type CheckReport, type DependencyFinding, type PackageRef } from './deps/index.js';
export { guardText, checkText, type GuardOptions, type GuardPolicy, type GuardResult } from './guard/text.js';
export { startGuard, type GuardServer, type GuardServerOptions } from './guard/proxy.js';
export { runHook, runHookChecked, AGENTS, type Agent, type HookOutput } from './hooks/index.js';
export { compactFinding, type CompactFinding } from './surfaces/compact.js';
export { scanChanges } from './changes/git.js';
