/**
 * Which files are dependency manifests, and the parser for each. A file is recognised by its
 * name alone; a manifest that fails to parse is an error of that file, never a silent skip.
 */
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock } from './npm.js';
import { parsePackageTables, parsePipfile, parsePipfileLock, parsePyproject, parseRequirementsTxt } from './python.js';
import { SourceFile, type ManifestResult } from './source.js';

export type ManifestKind =
  | 'package.json' | 'package-lock.json' | 'yarn.lock' | 'pnpm-lock.yaml'
  | 'requirements' | 'constraints' | 'Pipfile' | 'Pipfile.lock' | 'pyproject.toml' | 'poetry.lock' | 'uv.lock';

/** The manifest kind of a path, or null. */
export function manifestKind(p: string): ManifestKind | null {
  const base = p.split(/[\\/]/).pop() ?? p;
  switch (base) {
    case 'package.json':
      return 'package.json';
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return 'package-lock.json';
    case 'yarn.lock':
      return 'yarn.lock';
    case 'pnpm-lock.yaml':
      return 'pnpm-lock.yaml';
    case 'Pipfile':
      return 'Pipfile';
    case 'Pipfile.lock':
      return 'Pipfile.lock';
    case 'pyproject.toml':
      return 'pyproject.toml';
    case 'poetry.lock':
      return 'poetry.lock';
    case 'uv.lock':
      return 'uv.lock';
    default:
  }
  if (/^constraints.*\.(txt|in)$/i.test(base) || /[-_.]constraints\.(txt|in)$/i.test(base)) return 'constraints';
  if (/^requirements.*\.(txt|in)$/i.test(base) || /[-_.]requirements\.(txt|in)$/i.test(base)) return 'requirements';
  if (/(^|[\\/])requirements[\\/][^\\/]+\.(txt|in)$/i.test(p)) return 'requirements';
  return null;
}

export function parseManifest(kind: ManifestKind, path: string, text: string): ManifestResult {
  const src = new SourceFile(path, text);
  switch (kind) {
    case 'package.json':
      return parsePackageJson(src);
    case 'package-lock.json':
      return parsePackageLock(src);
    case 'yarn.lock':
      return parseYarnLock(src);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(src);
    case 'requirements':
      return parseRequirementsTxt(src);
    case 'constraints':
      return parseRequirementsTxt(src, true);
    case 'Pipfile':
      return parsePipfile(src);
    case 'Pipfile.lock':
      return parsePipfileLock(src);
    case 'pyproject.toml':
      return parsePyproject(src);
    case 'poetry.lock':
      return parsePackageTables(src, 'poetry');
    case 'uv.lock':
      return parsePackageTables(src, 'uv');
  }
}

export { SourceFile, type ManifestResult };
