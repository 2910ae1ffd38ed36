/**
 * npm manifests and lockfiles: package.json, package-lock.json / npm-shrinkwrap.json (v1, v2,
 * v3), yarn.lock (classic and berry, both read by Yarn's own parser) and pnpm-lock.yaml (v5
 * to v9, read with a YAML parser that keeps positions).
 */
import { parseSyml } from '@yarnpkg/parsers';
import { visit, type JSONPath } from 'jsonc-parser';
import { isMap, isScalar, LineCounter, parseDocument, type Pair } from 'yaml';
import { resolveSpec } from '../versions.js';
import { SourceFile, type ManifestResult } from './source.js';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Offsets of object properties whose containing path satisfies `want`, keyed by path + name. */
function propertyOffsets(text: string, want: (path: JSONPath) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  visit(text, {
    onObjectProperty(property, offset, _length, _line, _char, pathSupplier) {
      const p = pathSupplier();
      if (want(p)) out.set([...p, property].join('\u0000'), offset);
    },
  });
  return out;
}

function parseJson(text: string, result: ManifestResult): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    result.errors.push({ message: 'expected a JSON object' });
  } catch (e) {
    result.errors.push({ message: `invalid JSON: ${(e as Error).message}` });
  }
  return null;
}

/** A package.json requirement: registry range, alias (`npm:name@range`) or a non-registry source. */
export function npmRequirement(name: string, spec: string): { name: string; spec?: string; nonRegistry?: boolean } {
  const s = spec.trim();
  if (s.startsWith('npm:')) {
    const body = s.slice(4);
    const at = body.lastIndexOf('@');
    return at > 0 ? { name: body.slice(0, at), spec: body.slice(at + 1) } : { name: body };
  }
  if (/^(file:|link:|portal:|workspace:|git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|patch:)/.test(s) || /^[^@\s/]+\/[^\s]+$/.test(s) || s.startsWith('.') || s.startsWith('/')) {
    return { name, nonRegistry: true };
  }
  return { name, spec: s };
}

export function parsePackageJson(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const json = parseJson(src.text, result);
  if (!json) return result;
  const offsets = propertyOffsets(src.text, (p) => p.length === 1 && (DEP_FIELDS as readonly string[]).includes(String(p[0])));
  const names: string[] = [];
  for (const field of DEP_FIELDS) {
    const deps = json[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [key, raw] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof raw !== 'string') {
        result.errors.push({ message: `${field}.${key}: expected a version string`, offset: offsets.get(`${field}\u0000${key}`) });
        continue;
      }
      names.push(key);
      const req = npmRequirement(key, raw);
      const offset = offsets.get(`${field}\u0000${key}`) ?? -1;
      result.deps.push(src.dep('npm', req.name, offset, key.length + 2, {
        source: 'manifest',
        spec: req.spec,
        ...(req.nonRegistry ? { nonRegistry: true } : resolveSpec('npm', req.spec)),
        dev: field === 'devDependencies' ? true : undefined,
      }));
    }
  }
  result.declares = { ecosystem: 'npm', names };
  return result;
}

/** The package name a lockfile v2/v3 `packages` key installs (`node_modules/a/node_modules/@s/b` -> `@s/b`). */
function nameFromLockPath(key: string): string | null {
  const i = key.lastIndexOf('node_modules/');
  return i < 0 ? null : key.slice(i + 'node_modules/'.length) || null;
}

export function parsePackageLock(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const json = parseJson(src.text, result);
  if (!json) return result;
  const seen = new Set<string>();
  const add = (name: string, entry: Record<string, unknown>, offset: number, keyLength: number) => {
    const version = typeof entry.version === 'string' ? entry.version : undefined;
    const resolved = typeof entry.resolved === 'string' ? entry.resolved : '';
    if (entry.link === true || entry.bundled === true) return;
    const nonRegistry = !!version && /^(file:|git\+|git:|github:|https?:)/.test(version);
    const key = `${name}@${version ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.deps.push(src.dep('npm', name, offset, keyLength, {
      source: 'lockfile',
      ...(version && !nonRegistry ? { version, versionKind: 'exact' } : {}),
      nonRegistry: nonRegistry || (resolved !== '' && !/^https?:\/\//.test(resolved)) || undefined,
      dev: entry.dev === true ? true : undefined,
    }));
  };
  const packages = json.packages;
  if (packages && typeof packages === 'object') {
    const offsets = propertyOffsets(src.text, (p) => p.length === 1 && p[0] === 'packages');
    for (const [key, entry] of Object.entries(packages as Record<string, Record<string, unknown>>)) {
      if (!entry || typeof entry !== 'object') continue;
      const name = (typeof entry.name === 'string' && key.includes('node_modules/') ? entry.name : null) ?? nameFromLockPath(key);
      if (!name) continue; // the root project and workspace folders
      add(name, entry, offsets.get(`packages\u0000${key}`) ?? -1, key.length + 2);
    }
    return result;
  }
  // v1: nested `dependencies`
  const offsets = propertyOffsets(src.text, (p) => p.length >= 1 && p[p.length - 1] === 'dependencies');
  const walk = (deps: Record<string, Record<string, unknown>>, path: string[]) => {
    for (const [name, entry] of Object.entries(deps)) {
      if (!entry || typeof entry !== 'object') continue;
      add(name, entry, offsets.get([...path, name].join('\u0000')) ?? -1, name.length + 2);
      if (entry.dependencies && typeof entry.dependencies === 'object') {
        walk(entry.dependencies as Record<string, Record<string, unknown>>, [...path, name, 'dependencies']);
      }
    }
  };
  if (json.dependencies && typeof json.dependencies === 'object') walk(json.dependencies as Record<string, Record<string, unknown>>, ['dependencies']);
  return result;
}

/** `@scope/name@range` -> name (the `@` that separates the range is not the scope's). */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

export function parseYarnLock(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  let data: Record<string, unknown>;
  try {
    data = parseSyml(src.text);
  } catch (e) {
    result.errors.push({ message: `invalid yarn.lock: ${(e as Error).message}` });
    return result;
  }
  // the offset of each descriptor's entry header (a line that is not indented)
  const headers = new Map<string, number>();
  for (let line = 1; line <= src.lines.lineCount; line++) {
    const t = src.lines.lineText(line);
    if (!t || /^[\s#]/.test(t)) continue;
    for (const d of t.replace(/:\s*$/, '').split(/,\s*/)) headers.set(d.replace(/^"|"$/g, ''), src.lines.starts[line - 1]);
  }
  const seen = new Set<string>();
  for (const [key, raw] of Object.entries(data)) {
    if (key === '__metadata' || !raw || typeof raw !== 'object') continue;
    const entry = raw as Record<string, unknown>;
    const first = key.split(/,\s*/)[0];
    const name = descriptorName(first);
    const resolution = typeof entry.resolution === 'string' ? entry.resolution : '';
    const range = first.slice(name.length + 1);
    const nonRegistry = /^(workspace:|link:|portal:|file:|git|github:|https?:|exec:)/.test(range) || /@(workspace|link|portal|file|exec):/.test(resolution);
    const version = typeof entry.version === 'string' ? entry.version : undefined;
    const k = `${name}@${version}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const offset = headers.get(first) ?? -1;
    result.deps.push(src.dep('npm', name, offset, first.length, {
      source: 'lockfile',
      ...(version && !nonRegistry ? { version, versionKind: 'exact' } : {}),
      nonRegistry: nonRegistry || undefined,
    }));
  }
  return result;
}

/** pnpm package keys: `/name/1.0.0` (v5), `/name@1.0.0` (v6), `name@1.0.0(peer@2)` (v9). */
export function pnpmKey(key: string): { name: string; version: string } | null {
  // peer suffixes (v6, v9) cut at the first `(` (a lockfile is untrusted input: no regex that rescans)
  const k = key.replace(/^\//, '').split('(')[0];
  // v5: name/version, peers after `_`
  const v5 = /^(@[^/@]+\/[^/@]+|[^/@]+)\/(\d[^/]*)$/.exec(k);
  if (v5) return { name: v5[1], version: v5[2].split('_')[0] };
  const at = k.indexOf('@', 1);
  if (at <= 0) return null;
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

export function parsePnpmLock(src: SourceFile): ManifestResult {
  const result: ManifestResult = { deps: [], errors: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(src.text, { lineCounter, uniqueKeys: false });
  for (const e of doc.errors) result.errors.push({ message: `invalid pnpm-lock.yaml: ${e.message}`, offset: e.pos[0] });
  const packages = doc.get('packages', true);
  if (!isMap(packages)) return result;
  for (const item of packages.items as Pair[]) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value);
    const parsed = pnpmKey(key);
    const value = item.value;
    const resolution = isMap(value) ? value.get('resolution') : undefined;
    const nonRegistry = /^(file:|link:|git|https?:)/.test(parsed?.version ?? '') || (isMap(resolution) && (resolution.has('tarball') || resolution.has('directory') || resolution.has('repo')) && !resolution.has('integrity'));
    if (!parsed) {
      result.errors.push({ message: `unrecognised package key ${key}`, offset: item.key.range?.[0] });
      continue;
    }
    const offset = item.key.range?.[0] ?? -1;
    result.deps.push(src.dep('npm', parsed.name, offset, key.length, {
      source: 'lockfile',
      ...(nonRegistry ? {} : { version: parsed.version, versionKind: 'exact' }),
      nonRegistry: nonRegistry || undefined,
      dev: isMap(value) && value.get('dev') === true ? true : undefined,
    }));
  }
  return result;
}

