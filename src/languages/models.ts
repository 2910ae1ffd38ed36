/**
 * Framework models as data: sources, sinks, sanitizers and propagators described once per
 * framework, as concepts ("remote-source", "sql-sink", ...), and reused by every taint rule
 * that names the concept (`pattern-sources: [{ concept: remote-source }]`). This is CodeQL's
 * idea of concepts in Semgrep's formula syntax.
 *
 * Bundled models live in src/languages/<language>/models/*.yaml; users add their own folders
 * (`--models DIR`, or `models:` in .redpen.yml). Loading is synchronous and happens once, when
 * rules are loaded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { LanguageId } from '../core/types.js';
import { languagesForRuleName } from './index.js';

export interface Model {
  id: string;
  concept: string;
  description: string;
  languages: LanguageId[];
  /** The model's formula, as Semgrep YAML (one of pattern, patterns, pattern-either, pattern-regex). */
  formula: Record<string, unknown>;
  label?: string;
  bySideEffect?: boolean | 'only';
  from?: string;
  to?: string;
  file: string;
}

export class ModelError extends Error {}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLED = ['python', 'javascript'].map((l) => path.join(PACKAGE_ROOT, 'src', 'languages', l, 'models'));
const FORMULA_KEYS = ['pattern', 'patterns', 'pattern-either', 'pattern-regex'];
const MODEL_KEYS = new Set(['id', 'concept', 'description', 'languages', 'label', 'by-side-effect', 'from', 'to', ...FORMULA_KEYS]);

let models: Model[] | null = null;
const extraDirs: string[] = [];

function loadDir(dir: string, out: Model[]): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw new ModelError(`cannot read models folder ${dir}`);
  }
  for (const f of entries) {
    const file = path.join(dir, f);
    const display = path.relative(PACKAGE_ROOT, file).startsWith('..') ? file : path.relative(PACKAGE_ROOT, file).split(path.sep).join('/');
    let data: { models?: unknown };
    try {
      data = parseYaml(fs.readFileSync(file, 'utf8')) as { models?: unknown };
    } catch (e) {
      throw new ModelError(`${display}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!data || !Array.isArray(data.models)) throw new ModelError(`${display}: a models file needs a top-level \`models:\` list`);
    for (const raw of data.models as Record<string, unknown>[]) {
      const id = String(raw.id ?? '');
      for (const k of Object.keys(raw)) if (!MODEL_KEYS.has(k)) throw new ModelError(`${display}: model ${id}: unsupported key \`${k}\``);
      const fk = FORMULA_KEYS.filter((k) => k in raw);
      if (!id || typeof raw.concept !== 'string' || fk.length !== 1) {
        throw new ModelError(`${display}: model ${id || '(no id)'} needs an id, a concept and exactly one of ${FORMULA_KEYS.join(', ')}`);
      }
      const langNames = (raw.languages as string[] | undefined) ?? [path.basename(path.dirname(dir))];
      // JavaScript models hold for TypeScript and TSX too (same grammar family, same APIs)
      const languages = [...new Set(langNames.flatMap((l) => (l === 'javascript' ? (['javascript', 'typescript', 'tsx'] as LanguageId[]) : (languagesForRuleName(l) ?? []))))];
      if (languages.length === 0) throw new ModelError(`${display}: model ${id}: no supported language in ${langNames.join(', ')}`);
      out.push({
        id,
        concept: raw.concept,
        description: String(raw.description ?? raw.concept),
        languages,
        formula: { [fk[0]]: raw[fk[0]] },
        label: typeof raw.label === 'string' ? raw.label : undefined,
        bySideEffect: raw['by-side-effect'] as Model['bySideEffect'],
        from: typeof raw.from === 'string' ? raw.from : undefined,
        to: typeof raw.to === 'string' ? raw.to : undefined,
        file: display,
      });
    }
  }
}

export function allModels(): Model[] {
  if (!models) {
    const out: Model[] = [];
    for (const d of BUNDLED) if (fs.existsSync(d)) loadDir(d, out);
    for (const d of extraDirs) loadDir(d, out);
    models = out;
  }
  return models;
}

let digest: string | null = null;

/** A hash of every models file in use (names and text): rules expanded from concepts depend on it. */
export function modelsDigest(): string {
  if (digest === null) {
    const h = createHash('sha256');
    for (const d of [...BUNDLED, ...extraDirs]) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).sort();
      } catch {
        // a missing folder is reported when the models load
      }
      for (const f of names) h.update(path.join(d, f)).update('\u0000').update(fs.readFileSync(path.join(d, f))).update('\u0000');
    }
    digest = h.digest('hex');
  }
  return digest;
}

/** Add a folder of user models (before rules that use them are loaded). */
export function addModelsDir(dir: string): void {
  const abs = path.resolve(dir);
  if (extraDirs.includes(abs)) return;
  extraDirs.push(abs);
  models = null;
  digest = null;
}

export function modelsFor(concept: string, languages: LanguageId[]): Model[] {
  return allModels().filter((m) => m.concept === concept && m.languages.some((l) => languages.includes(l)));
}

export function knownConcepts(): string[] {
  return [...new Set(allModels().map((m) => m.concept))].sort();
}
