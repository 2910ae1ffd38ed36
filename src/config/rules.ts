/**
 * Resolving `--config` values to rules: a bundled pack name, a rule file, or a folder of them.
 *
 * Bundled packs: `recommended` (the default: every bundled rule not marked `pack: audit`),
 * `audit` (opt-in rules with more false alarms), `all`.
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../core/rule.js';
import { loadRulesFromText, RuleLoadError } from '../engine/rules/load.js';
import { regexWarnings } from '../engine/rules/regex-warnings.js';
import { modelsDigest } from '../languages/models.js';
import { defaultCacheDir, hashOf, readCached, writeCached } from '../runner/cache.js';
import { VERSION } from '../version.js';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_RULES = path.join(PACKAGE_ROOT, 'rules');
export const PACKS = ['recommended', 'audit', 'all'] as const;

export interface LoadedRules {
  rules: Rule[];
  warnings: RuleLoadError[];
  /** The rule files read, for cache keys. */
  files: string[];
}

/** All .yaml/.yml files under a folder, sorted. */
export async function ruleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        await walk(p);
      } else if (/\.ya?ml$/i.test(e.name) && !e.name.startsWith('.')) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

function packOf(rule: Rule): string {
  const p = rule.metadata.pack;
  return typeof p === 'string' ? p : 'recommended';
}

/** `analyse`: warn about regexes that can backtrack (user rules; the bundled ones are tested). */
async function loadFile(file: string, display: string, analyse = false): Promise<{ rules: Rule[]; warnings: RuleLoadError[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new RuleLoadError(`cannot read rule file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, display, undefined, undefined);
  }
  return cachedLoad(text, display, analyse);
}

let loader: string | null = null;

/**
 * The loader's own code: a build between releases (same VERSION) that loads rules differently
 * must not read the old results. The modules that turn YAML into rules, as built or as sources.
 */
function loaderDigest(): string {
  if (loader === null) {
    const sources: string[] = [];
    for (const m of ['../engine/rules/load', '../engine/rules/regex-warnings', '../languages/models', '../core/severity', '../languages/index']) {
      for (const ext of ['.js', '.ts']) {
        try {
          sources.push(fsSync.readFileSync(fileURLToPath(new URL(m + ext, import.meta.url)), 'utf8'));
          break;
        } catch {
          // the other extension
        }
      }
    }
    loader = hashOf(...sources);
  }
  return loader;
}

interface CachedLoad {
  rules: Rule[];
  warnings: { message: string; file: string; line?: number; ruleId?: string }[];
}

/**
 * Loaded rules cached by content: parsing YAML was a third of a hook process's start-up, and
 * JSON reads back the same plain data (rules are data; compiled forms are built per process).
 * The key covers the text, its display name, the models that concepts expand to, the
 * loader's code and the version. Files that fail to load are not cached (the error is raised anew, with its line). A
 * cache that cannot be read or written is a miss, never an error.
 */
function cachedLoad(text: string, display: string, analyse: boolean): { rules: Rule[]; warnings: RuleLoadError[] } {
  const file = path.join(defaultCacheDir(), 'rules', `${hashOf(VERSION, loaderDigest(), display, modelsDigest(), analyse ? 'redos' : '', text)}.json`);
  const c = readCached<CachedLoad>(file);
  if (c && Array.isArray(c.rules) && Array.isArray(c.warnings)) {
    return {
      rules: c.rules,
      warnings: c.warnings.map((w) => Object.assign(new RuleLoadError('', w.file, w.line, w.ruleId), { message: w.message })),
    };
  }
  const loaded = loadRulesFromText(text, display);
  if (analyse) for (const r of loaded.rules) loaded.warnings.push(...regexWarnings(r, display));
  writeCached(file, { rules: loaded.rules, warnings: loaded.warnings.map((w) => ({ message: w.message, file: w.file, line: w.line, ruleId: w.ruleId })) } satisfies CachedLoad);
  return loaded;
}

function display(file: string, cwd: string): string {
  if (file.startsWith(BUNDLED_RULES + path.sep)) return `rules/${path.relative(BUNDLED_RULES, file).split(path.sep).join('/')}`;
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

/** Load the rules named by config values (pack names, files, folders). */
export async function loadRuleConfigs(configs: string[], cwd = process.cwd()): Promise<LoadedRules> {
  const rules: Rule[] = [];
  const warnings: RuleLoadError[] = [];
  const files: string[] = [];
  const ids = new Map<string, string>();
  const addAll = (loaded: { rules: Rule[]; warnings: RuleLoadError[] }, file: string, filter?: (r: Rule) => boolean) => {
    warnings.push(...loaded.warnings);
    for (const r of loaded.rules) {
      if (filter && !filter(r)) continue;
      const prev = ids.get(r.id);
      if (prev) {
        if (prev === file) continue;
        throw new RuleLoadError(`rule id ${r.id} is defined twice (also in ${prev})`, display(file, cwd), r.source?.line, r.id);
      }
      ids.set(r.id, file);
      rules.push(r);
    }
  };
  for (const config of configs) {
    const name = config.replace(/^p\//, '');
    if ((PACKS as readonly string[]).includes(name)) {
      for (const f of await ruleFiles(BUNDLED_RULES)) {
        files.push(f);
        const loaded = await loadFile(f, display(f, cwd));
        addAll(loaded, f, (r) => name === 'all' || packOf(r) === name);
      }
      continue;
    }
    const abs = path.resolve(cwd, config);
    let st;
    try {
      st = await fs.stat(abs);
    } catch {
      throw new RuleLoadError(`no such rule file, folder or pack (packs: ${PACKS.join(', ')})`, config, undefined, undefined);
    }
    const list = st.isDirectory() ? await ruleFiles(abs) : [abs];
    for (const f of list) {
      files.push(f);
      addAll(await loadFile(f, display(f, cwd), true), f);
    }
  }
  return { rules, warnings, files };
}
