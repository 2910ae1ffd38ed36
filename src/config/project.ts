/**
 * The project configuration file `.redpen.yml`: found by walking up from the scanned path,
 * validated against schemas/redpen-config.schema.json (the same file editors use).
 *
 * The search is bounded, so that a file in a parent folder nobody looks at cannot change a
 * scan (an `exclude: ["**"]` there would turn every scan green): it stops at the root of the git
 * repository holding the scanned path (as ESLint's `root` and Ruff's project root do); outside
 * any repository it stops at the working folder when the scanned path is inside it, else at the
 * scanned folder itself.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { Severity } from '../core/types.js';
import { repositoryRoot } from '../files/repo.js';
import { PACKAGE_ROOT } from './rules.js';

export const CONFIG_NAMES = ['.redpen.yml', '.redpen.yaml'];

export type FailOn = Severity | 'none';

export interface Policy {
  severity?: Severity;
  'fail-on'?: FailOn;
  rules?: string[];
  secrets?: boolean;
  dependencies?: boolean;
}

export interface ProjectConfig extends Policy {
  version?: 1;
  paths?: { include?: string[]; exclude?: string[] };
  environments?: Record<string, Policy>;
  'max-file-size'?: number;
  cache?: boolean;
  baseline?: string;
  /** Folders of user framework models. */
  models?: string[];
}

export class ConfigError extends Error {}

let validator: ValidateFunction | null = null;

interface ConfigSchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
  parentSchema?: { properties?: Record<string, unknown> };
  data?: unknown;
}

/** A schema error in words, with the values or keys that would have been accepted. */
function describeError(e: ConfigSchemaError): string {
  const where = e.instancePath || '/';
  if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) {
    return `${where} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')} (got ${JSON.stringify(e.data)})`;
  }
  if (e.keyword === 'additionalProperties' && e.params?.additionalProperty !== undefined) {
    const allowed = Object.keys(e.parentSchema?.properties ?? {});
    const at = e.instancePath ? ` in ${e.instancePath}` : '';
    return `unknown key ${String(e.params.additionalProperty)}${at}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
  }
  return `${where} ${e.message ?? 'is invalid'}`;
}

async function validate(data: unknown, file: string): Promise<ProjectConfig> {
  if (!validator) {
    const schema = JSON.parse(await fs.readFile(path.join(PACKAGE_ROOT, 'schemas', 'redpen-config.schema.json'), 'utf8'));
    // the validator loads only when a configuration file exists
    const { Ajv } = await import('ajv');
    // verbose: errors carry the schema, so a message can list the allowed values and keys
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    validator = ajv.compile(schema);
  }
  if (!validator(data)) {
    const errs = (validator.errors as ConfigSchemaError[]) ?? [];
    throw new ConfigError(`${file}: ${errs.slice(0, 5).map(describeError).join('; ')}`);
  }
  return data as ProjectConfig;
}

function isWithin(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The folder where the search for `.redpen.yml` from `dir` stops: the repository root, else the
 * working folder when `dir` is inside it, else `dir` itself.
 */
export function configSearchRoot(dir: string, cwd: string = process.cwd()): string {
  const repo = repositoryRoot(dir);
  if (repo) return repo;
  const home = path.resolve(cwd);
  return isWithin(dir, home) ? home : dir;
}

/** The nearest .redpen.yml at or above `start` (a file or folder), within the search bound (see above). */
export async function findConfig(start: string, cwd: string = process.cwd()): Promise<string | null> {
  let dir = path.resolve(start);
  try {
    if (!(await fs.stat(dir)).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  const stop = configSearchRoot(dir, cwd);
  for (let i = 0; i < 256; i++) {
    for (const n of CONFIG_NAMES) {
      const p = path.join(dir, n);
      try {
        await fs.access(p);
        return p;
      } catch {
        // not here
      }
    }
    const up = path.dirname(dir);
    if (dir === stop || up === dir) return null;
    dir = up;
  }
  return null;
}

export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  let data: unknown;
  try {
    data = parseYaml(await fs.readFile(file, 'utf8')) ?? {};
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const config = await validate(data, file);
  // rule paths are relative to the config file
  const base = path.dirname(file);
  const resolveRules = (list?: string[]) => list?.map((r) => (/^(p\/)?(recommended|audit|all)$/.test(r) ? r : path.resolve(base, r)));
  config.rules = resolveRules(config.rules);
  for (const env of Object.values(config.environments ?? {})) env.rules = resolveRules(env.rules);
  if (config.baseline) config.baseline = path.resolve(base, config.baseline);
  if (config.models) config.models = config.models.map((m) => path.resolve(base, m));
  return config;
}

/** The effective policy: the base config overridden by the selected environment. */
export function effectivePolicy(config: ProjectConfig, env: string | undefined): Policy {
  const base: Policy = {
    severity: config.severity,
    'fail-on': config['fail-on'],
    rules: config.rules,
    secrets: config.secrets,
    dependencies: config.dependencies,
  };
  if (!env) return base;
  const over = config.environments?.[env];
  if (!over) {
    const known = Object.keys(config.environments ?? {});
    throw new ConfigError(`environment \`${env}\` is not defined in the configuration${known.length ? ` (defined: ${known.join(', ')})` : ''}`);
  }
  return { ...base, ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) };
}
