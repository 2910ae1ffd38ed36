/**
 * Python manifests and lockfiles: requirements and constraints files (pip's format: `-r`/`-c`
 * includes, markers, extras, hashes, continuation lines), Pipfile and Pipfile.lock,
 * pyproject.toml (PEP 621, PEP 735 dependency groups, Poetry), poetry.lock and uv.lock.
 * TOML is read with smol-toml; positions come from the declaring line in the text.
 */
import { parse as parseToml } from 'smol-toml';
import { resolveSpec } from '../versions.js';
import { escapeRegExp, SourceFile, type ManifestResult } from './source.js';

/** A PEP 508 requirement: name, extras, version specifier, marker, or a direct URL. */
export interface Requirement {
  name: string;
  extras: string[];
  spec?: string;
  marker?: string;
  url?: string;
}

export function parseRequirement(line: string): Requirement | null {
  // the rest is `[\s\S]*`: it always matches, so nothing before it is retried (`.*$` failed on a newline)
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*([\s\S]*)$/.exec(line);
  if (!m) return null;
  let rest = m[3].trim();
  let marker: string | undefined;
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim();
    rest = rest.slice(0, semi).trim();
  }
  const extras = m[2] ? m[2].split(',').map((e) => e.trim()).filter(Boolean) : [];
  if (rest.startsWith('@')) return { name: m[1], extras, url: rest.slice(1).trim(), marker };
  rest = rest.replace(/^\((.*)\)$/, '$1').trim();
  if (rest && !/^(~=|===?|!=|<=?|>=?)/.test(rest)) return null;
  return { name: m[1], extras, spec: rest || undefined, marker };
}

/** Options of pip's requirements format that take a value (and are not requirements). */
const PIP_OPTIONS_WITH_VALUE = /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-binary|--only-binary|--prefer-binary|--platform|--python-version|--implementation|--abi|--use-feature|--pre|--require-hashes|--config-settings|--global-option|--progress-bar|--no-index)\b/;

export function parseRequirementsTxt(src: SourceFile, constraint = false): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [], includes: [] };
  const names: string[] = [];
  const count = src.lines.lineCount;
  for (let line = 1; line <= count; line++) {
    const startOffset = src.lines.starts[line - 1];
    let text = src.lines.lineText(line);
    // continuation lines
    while (/\\\s*$/.test(text) && line < count) {
      line++;
      text = `${text.replace(/\\\s*$/, ' ')}${src.lines.lineText(line)}`;
    }
    // a comment starts at a `#` at the start or after a space (found without a regex that rescans the line)
    const hash = /(?:^|\s)#/.exec(text);
    if (hash) text = text.slice(0, hash.index);
    text = text.trim();
    if (!text) continue;
    const inc = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(text);
    if (inc) {
      result.includes!.push({ path: inc[2], constraint: inc[1] === '-c' || inc[1] === '--constraint' });
      continue;
    }
    if (/^(-e|--editable)\b/.test(text)) {
      const egg = /#egg=([A-Za-z0-9._-]+)/.exec(src.lines.lineText(line));
      if (egg) {
        const off = startOffset + Math.max(0, src.lines.lineText(line).indexOf(egg[1]));
        result.deps.push(src.dep('PyPI', egg[1], off, egg[1].length, { source: 'manifest', nonRegistry: true }));
        names.push(egg[1]);
      }
      continue;
    }
    if (text.startsWith('-')) {
      if (!PIP_OPTIONS_WITH_VALUE.test(text) && !/^--hash\b/.test(text)) result.errors.push({ message: `unknown option: ${text.split(/\s/)[0]}`, offset: startOffset });
      continue;
    }
    text = text.replace(/\s--hash[=\s]\S+/g, '').trim();
    // direct references: URLs and paths (`git+https://...#egg=name`, `./pkg`, `pkg.whl`)
    if (/^([a-z+]+:\/\/|\.{0,2}\/|file:)/i.test(text) || /\.(whl|tar\.gz|zip)$/i.test(text)) {
      const egg = /#egg=([A-Za-z0-9._-]+)/.exec(text);
      if (egg) {
        names.push(egg[1]);
        result.deps.push(src.dep('PyPI', egg[1], startOffset, text.length, { source: 'manifest', nonRegistry: true }));
      }
      continue;
    }
    const req = parseRequirement(text);
    if (!req) {
      result.errors.push({ message: `cannot parse requirement: ${text}`, offset: startOffset });
      continue;
    }
    const raw = src.lines.lineText(src.lines.lineOf(startOffset));
    const off = startOffset + Math.max(0, raw.indexOf(req.name));
    names.push(req.name);
    result.deps.push(src.dep('PyPI', req.name, off, req.name.length, {
      source: 'manifest',
      spec: req.spec,
      ...(req.url ? { nonRegistry: true } : resolveSpec('PyPI', req.spec)),
    }));
  }
  if (!constraint) result.declares = { ecosystem: 'PyPI', names };
  return result;
}

function toml(src: SourceFile, result: ManifestResult): Record<string, unknown> | null {
  try {
    return parseToml(src.text) as Record<string, unknown>;
  } catch (e) {
    result.errors.push({ message: `invalid TOML: ${(e as Error).message.split('\n')[0]}` });
    return null;
  }
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Offset of `[section]` header, or 0. */
function sectionOffset(src: SourceFile, section: string): number {
  const o = src.findLine(new RegExp(`^\\s*\\[\\s*${escapeRegExp(section).replace(/\\\./g, '\\s*\\.\\s*')}\\s*\\]`));
  return o < 0 ? 0 : o;
}

/** The line `name = ...` (or `"name" = ...`) in a table, searched from the table's header. */
function keyOffset(src: SourceFile, section: string, key: string): number {
  const from = sectionOffset(src, section);
  return src.findLine(new RegExp(`^\\s*["']?${escapeRegExp(key)}["']?\\s*=`), from);
}

/** A PEP 508 string in an array: the quoted string's position. */
function stringOffset(src: SourceFile, value: string, from: number): number {
  for (const q of ['"', "'"]) {
    const o = src.find(`${q}${value}`, from);
    if (o >= 0) return o + 1;
  }
  return -1;
}

/** Poetry's version constraints: `^1.2`, `~1.2`, `1.2.*`, `>=1,<2`, `1.2.3` (exact). */
function poetrySpec(spec: string): { version?: string; versionKind?: 'exact' | 'minimum' } {
  const s = spec.trim();
  if (!s || s === '*') return {};
  if (/^\d[\w.+!-]*$/.test(s)) return resolveSpec('PyPI', `==${s}`);
  const m = /^[\^~]=?\s*(\d[\w.+!-]*)/.exec(s);
  if (m) {
    const r = resolveSpec('PyPI', `>=${m[1]}`);
    return r.version ? { version: r.version, versionKind: 'minimum' } : {};
  }
  return resolveSpec('PyPI', s.split('||')[0].trimEnd());
}

export function parsePipfile(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const data = toml(src, result);
  if (!data) return result;
  const names: string[] = [];
  for (const section of ['packages', 'dev-packages']) {
    const table = obj(data[section]);
    if (!table) continue;
    for (const [name, raw] of Object.entries(table)) {
      const o = obj(raw);
      const spec = typeof raw === 'string' ? raw : typeof o?.version === 'string' ? o.version : undefined;
      const nonRegistry = !!o && ('git' in o || 'path' in o || 'file' in o);
      const offset = keyOffset(src, section, name);
      names.push(name);
      const s = spec && spec !== '*' ? spec : undefined;
      result.deps.push(src.dep('PyPI', name, offset, name.length, {
        source: 'manifest',
        spec: s,
        ...(nonRegistry ? { nonRegistry: true } : resolveSpec('PyPI', s)),
        dev: section === 'dev-packages' ? true : undefined,
      }));
    }
  }
  result.declares = { ecosystem: 'PyPI', names };
  return result;
}

export function parsePipfileLock(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(src.text) as Record<string, unknown>;
  } catch (e) {
    result.errors.push({ message: `invalid JSON: ${(e as Error).message}` });
    return result;
  }
  for (const section of ['default', 'develop']) {
    const table = obj(data[section]);
    if (!table) continue;
    const from = src.find(`"${section}"`);
    for (const [name, raw] of Object.entries(table)) {
      const o = obj(raw) ?? {};
      const version = typeof o.version === 'string' ? o.version.replace(/^===?/, '') : undefined;
      const nonRegistry = 'git' in o || 'path' in o || 'file' in o;
      const offset = stringOffset(src, `${name}"`, from);
      result.deps.push(src.dep('PyPI', name, offset, name.length, {
        source: 'lockfile',
        ...(version && !nonRegistry ? { version, versionKind: 'exact' as const } : {}),
        nonRegistry: nonRegistry || undefined,
        dev: section === 'develop' ? true : undefined,
      }));
    }
  }
  return result;
}

export function parsePyproject(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const data = toml(src, result);
  if (!data) return result;
  const names: string[] = [];
  const pep508 = (list: unknown, section: string, dev: boolean) => {
    if (!Array.isArray(list)) return;
    const from = sectionOffset(src, section);
    for (const item of list) {
      if (typeof item !== 'string') continue; // PEP 735 `{include-group = ...}`
      const req = parseRequirement(item);
      if (!req) {
        result.errors.push({ message: `cannot parse requirement: ${item}`, offset: stringOffset(src, item, from) });
        continue;
      }
      names.push(req.name);
      result.deps.push(src.dep('PyPI', req.name, stringOffset(src, item, from), req.name.length, {
        source: 'manifest',
        spec: req.spec,
        ...(req.url ? { nonRegistry: true } : resolveSpec('PyPI', req.spec)),
        dev: dev || undefined,
      }));
    }
  };
  const project = obj(data.project);
  if (project) {
    pep508(project.dependencies, 'project', false);
    for (const list of Object.values(obj(project['optional-dependencies']) ?? {})) pep508(list, 'project.optional-dependencies', false);
  }
  for (const list of Object.values(obj(data['dependency-groups']) ?? {})) pep508(list, 'dependency-groups', true);
  const poetry = obj(obj(data.tool)?.poetry);
  if (poetry) {
    const tables: [string, Record<string, unknown> | undefined, boolean][] = [
      ['tool.poetry.dependencies', obj(poetry.dependencies), false],
      ['tool.poetry.dev-dependencies', obj(poetry['dev-dependencies']), true],
    ];
    for (const [group, g] of Object.entries(obj(poetry.group) ?? {})) tables.push([`tool.poetry.group.${group}.dependencies`, obj(obj(g)?.dependencies), true]);
    for (const [section, table, dev] of tables) {
      if (!table) continue;
      for (const [name, raw] of Object.entries(table)) {
        if (name.toLowerCase() === 'python') continue;
        const o = obj(raw);
        const spec = typeof raw === 'string' ? raw : typeof o?.version === 'string' ? o.version : undefined;
        const nonRegistry = !!o && ('git' in o || 'path' in o || 'url' in o);
        names.push(name);
        result.deps.push(src.dep('PyPI', name, keyOffset(src, section, name), name.length, {
          source: 'manifest',
          spec,
          ...(nonRegistry ? { nonRegistry: true } : poetrySpec(spec ?? '')),
          dev: dev || undefined,
        }));
      }
    }
  }
  result.declares = { ecosystem: 'PyPI', names };
  return result;
}

/** poetry.lock and uv.lock: `[[package]]` tables with name, version and source. */
export function parsePackageTables(src: SourceFile, kind: 'poetry' | 'uv'): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const data = toml(src, result);
  if (!data) return result;
  const packages = Array.isArray(data.package) ? (data.package as unknown[]) : [];
  let from = 0;
  for (const p of packages) {
    const o = obj(p);
    if (!o || typeof o.name !== 'string') continue;
    const source = obj(o.source);
    const nonRegistry = kind === 'uv'
      ? !!source && !('registry' in source)
      : !!source && typeof source.type === 'string' && source.type !== 'legacy';
    const offset = src.findLine(new RegExp(`^\\s*name\\s*=\\s*["']${escapeRegExp(o.name)}["']`), from);
    if (offset >= 0) from = offset + 1;
    const version = typeof o.version === 'string' ? o.version : undefined;
    const groups = Array.isArray(o.groups) ? (o.groups as string[]) : [];
    const nameAt = offset < 0 ? -1 : src.text.indexOf(o.name, offset);
    result.deps.push(src.dep('PyPI', o.name, nameAt, o.name.length, {
      source: 'lockfile',
      ...(version && !nonRegistry ? { version, versionKind: 'exact' as const } : {}),
      nonRegistry: nonRegistry || undefined,
      dev: o.category === 'dev' || (groups.length > 0 && !groups.includes('main')) || undefined,
    }));
  }
  return result;
}
