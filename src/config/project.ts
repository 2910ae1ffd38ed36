/**
 * The project configuration file `.redpen.yml`: found by walking up from the scanned path,
 * validated against schemas/redpen-config.schema.json (the same file editors use).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { Severity } from '../core/types.js';
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

async function validate(data: unknown, file: string): Promise<ProjectConfig> {
  if (!validator) {
    const schema = JSON.parse(await fs.readFile(path.join(PACKAGE_ROOT, 'schemas', 'redpen-config.schema.json'), 'utf8'));
    // the validator loads only when a configuration file exists
    const { Ajv } = await import('ajv');
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(schema);
  }
  if (!validator(data)) {
    const errs = (validator.errors as { instancePath: string; message?: string; params?: Record<string, unknown> }[]) ?? [];
    const msg = errs
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params?.additionalProperty ? ` (${String(e.params.additionalProperty)})` : ''}`)
      .join('; ');
    throw new ConfigError(`${file}: ${msg}`);
  }
  return data as ProjectConfig;
}

/** The nearest .redpen.yml at or above `start` (a file or folder). */
export async function findConfig(start: string): Promise<string | null> {
  let dir = path.resolve(start);
  try {
    if (!(await fs.stat(dir)).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (let i = 0; i < 64; i++) {
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
    if (up === dir) return null;
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
