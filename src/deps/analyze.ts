/**
 * Dependencies of a scanned project: manifests, lockfiles and imports are collected from the
 * scan's targets, checked once per package, and reported where each package is declared.
 *
 * Where a finding lands (one finding per place that needs a change, not one per mention):
 * - Version findings (vulnerable, malicious) go on the lockfile entry when the folder has a
 *   lockfile naming the package (that is what gets installed), else on the manifest line.
 * - Name findings (nonexistent, suspicious, typosquat) go on the manifest line; on a lockfile
 *   entry only for packages no manifest declares; on the import line (first per file) only for
 *   packages no manifest declares, e.g. a snippet with no manifest at all.
 * - An import is "undeclared" when a manifest of its ecosystem covers the file (same folder or
 *   above) and none of them declares it.
 */
import fs from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES } from '../core/limits.js';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { LineIndex } from '../core/ast.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { applySuppressions } from '../core/suppress.js';
import type { Finding, ScanError } from '../core/types.js';
import { confined } from '../files/confine.js';
import { displayPath, readTarget, type Target } from '../files/walk.js';
import { hashOf } from '../runner/cache.js';
import { VERSION } from '../version.js';
import { findingsFor, gatherFacts, nameKey, resolveOptions, versionKey, type PackageQuery } from './check.js';
import { importsOf } from './imports.js';
import { manifestKind, parseManifest, type ManifestKind } from './manifests/index.js';
import { modulesOfDistribution, normalizeName } from './names.js';
import type { CheckOptions, CheckReport, Dependency, DependencyFinding, Ecosystem } from './types.js';

export interface DepsOptions extends CheckOptions {
  /** Read imports in code, markdown and notebooks (default true). */
  imports?: boolean;
  /** Largest manifest read, in bytes (lockfiles can be large; default 50 MB). */
  maxManifestBytes?: number;
  /** Largest code file read for imports (default 3 MB). */
  maxFileBytes?: number;
  /**
   * Real paths of the folders files may be read from (the MCP server's workspace roots): a
   * file a manifest includes (`-r`, `-c`) from elsewhere is an error, not read. Default: any.
   */
  roots?: string[];
}

export interface DepsResult {
  findings: Finding[];
  errors: ScanError[];
  /** Every dependency found (for `--list` and the JSON report). */
  dependencies: Dependency[];
  unchecked: CheckReport['unchecked'];
  advisorySource: string;
}

const CODE_FILE = /\.(py|pyi|js|mjs|cjs|jsx|ts|mts|cts|tsx|md|markdown|mdx|ipynb|sh|bash)$|(^|\/)Dockerfile[^/]*$/i;
const LOCK_KINDS = new Set<ManifestKind>(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Pipfile.lock', 'poetry.lock', 'uv.lock']);

interface Parsed {
  file: string;
  dir: string;
  kind: ManifestKind;
  deps: Dependency[];
  declares?: { ecosystem: Ecosystem; names: Set<string> };
  /** The project's own name (package.json `name`, pyproject `project.name`). */
  self?: string;
}

const CWE_VULNERABLE = 'CWE-1395'; // Dependency on Vulnerable Third-Party Component
const CWE_UNTRUSTED = 'CWE-829'; // Inclusion of Functionality from Untrusted Control Sphere

export async function analyzeDependencies(targets: Target[], cwd: string, options: DepsOptions = {}): Promise<DepsResult> {
  const errors: ScanError[] = [];
  const texts = new Map<string, string>();
  const manifests: Parsed[] = [];
  const imports: Dependency[] = [];
  const maxManifest = options.maxManifestBytes ?? 50_000_000;
  const maxFile = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const seenAbs = new Set<string>();
  const includedCode = new Set<string>();
  const queue: { target: Target; kind: ManifestKind }[] = [];
  for (const t of targets) {
    const kind = manifestKind(t.path);
    if (kind) {
      queue.push({ target: t, kind });
      seenAbs.add(t.abs);
    }
  }
  // manifests, and the files their `-r`/`-c` lines include
  while (queue.length > 0) {
    const { target, kind } = queue.shift()!;
    const read = await readTarget(target, maxManifest);
    if (read.error) {
      errors.push(read.error);
      continue;
    }
    const text = read.text!;
    texts.set(target.path, text);
    const r = parseManifest(kind, target.path, text);
    const lines = new LineIndex(text);
    for (const e of r.errors) {
      const pos = e.offset !== undefined ? lines.position(e.offset) : undefined;
      errors.push({ path: target.path, kind: 'parse', level: r.deps.length ? 'warning' : 'error', message: e.message, ...(pos ? { location: { path: target.path, start: pos, end: pos } } : {}) });
    }
    for (const inc of r.includes ?? []) {
      const abs = path.resolve(path.dirname(target.abs), inc.path);
      if (seenAbs.has(abs)) continue;
      seenAbs.add(abs);
      if (options.roots && !confined(abs, options.roots)) {
        errors.push({ path: target.path, kind: 'io', level: 'error', message: `included file ${inc.path} is outside the folders this scan may read; not read` });
        continue;
      }
      let size = 0;
      try {
        size = fs.statSync(abs).size;
        // an included file the walk also found is read here, as a manifest, and skipped as code
        includedCode.add(abs);
      } catch {
        errors.push({ path: target.path, kind: 'io', level: 'error', message: `included file ${inc.path} cannot be read` });
        continue;
      }
      queue.push({ target: { path: displayPath(abs, cwd), abs, size }, kind: inc.constraint ? 'constraints' : 'requirements' });
    }
    manifests.push({
      file: target.path,
      dir: path.posix.dirname(target.path),
      kind,
      deps: r.deps,
      declares: r.declares ? { ecosystem: r.declares.ecosystem, names: new Set(r.declares.names.map((n) => normalizeName(r.declares!.ecosystem, n))) } : undefined,
      self: projectName(kind, text),
    });
  }
  const o = resolveOptions(options);
  if (options.imports !== false) {
    for (const t of targets) {
      if (manifestKind(t.path) || includedCode.has(t.abs) || !CODE_FILE.test(t.path)) continue;
      const read = await readTarget(t, maxFile);
      if (read.error) continue; // the rule scan reports unreadable files (code files keep the scan's limit)
      try {
        // imports of an unchanged file come from the cache: a rescan parses only what changed
        const key = `imports:v1:${VERSION}:${t.path}:${hashOf(read.text!)}`;
        let found = o.cache?.get<Dependency[]>(key, 30 * 86_400_000);
        if (!found) {
          found = await importsOf(t.path, read.text!);
          o.cache?.set(key, found);
        }
        if (found.length) texts.set(t.path, read.text!);
        imports.push(...found);
      } catch (e) {
        errors.push({ path: t.path, kind: 'parse', level: 'warning', message: `imports could not be read: ${(e as Error).message}` });
      }
    }
  }
  const local = localModules(targets);
  const selfNames = new Set(manifests.filter((m) => m.self).map((m) => `${m.kind === 'package.json' ? 'npm' : 'PyPI'}\u0000${normalizeName(m.kind === 'package.json' ? 'npm' : 'PyPI', m.self!)}`));
  const codeDeps = imports.filter((d) => {
    if (selfNames.has(nameKey(d))) return false;
    if (d.ecosystem === 'PyPI' && d.module && !d.module.includes(' ') && local.has(d.module.split('.')[0])) return false;
    return true;
  });
  const declared = manifests.flatMap((m) => m.deps);
  const all = [...declared, ...codeDeps];

  const facts = await gatherFacts(all.map(toQuery), o);

  // where findings land
  const manifestNames = new Set(manifests.filter((m) => !LOCK_KINDS.has(m.kind)).flatMap((m) => m.deps.map(nameKey)));
  const lockedIn = new Map<string, Set<string>>(); // dir -> name keys a lockfile there pins
  for (const m of manifests) {
    if (!LOCK_KINDS.has(m.kind)) continue;
    const s = lockedIn.get(m.dir) ?? new Set<string>();
    for (const d of m.deps) s.add(nameKey(d));
    lockedIn.set(m.dir, s);
  }
  const allLocked = lockedNames(lockedIn);
  const byFile = new Map<string, Finding[]>();
  const emitted = new Set<string>();
  const emit = (dep: Dependency, f: DependencyFinding, key: string) => {
    const k = `${dep.file}\u0000${f.ruleId}\u0000${key}`;
    if (emitted.has(k)) return;
    emitted.add(k);
    const list = byFile.get(dep.file) ?? [];
    list.push(toFinding(dep, f));
    byFile.set(dep.file, list);
  };
  for (const dep of all) {
    const isLock = dep.source === 'lockfile';
    const dir = path.posix.dirname(dep.file);
    const nk = nameKey(dep);
    for (const f of findingsFor(toQuery(dep), facts)) {
      const versionLevel = f.kind === 'vulnerable' || (f.kind === 'malicious' && f.ruleId === 'deps.malicious-package');
      if (versionLevel) {
        if (!isLock && dep.source === 'manifest' && lockedIn.get(dir)?.has(nk)) continue;
        emit(dep, f, versionKey(dep));
      } else {
        if (isLock && manifestNames.has(nk)) continue;
        if (dep.source === 'import' && (manifestNames.has(nk) || allLocked.has(nk))) continue;
        emit(dep, f, nk);
      }
    }
  }
  // undeclared imports
  for (const dep of codeDeps) {
    if (dep.module?.includes(' ')) continue; // install commands declare what they install
    if (/\.(md|markdown|mdx)$/i.test(dep.file)) continue; // snippets in documents are not the project's code
    const covering = manifests.filter((m) => m.declares && m.declares.ecosystem === dep.ecosystem && isWithin(dep.file, m.dir));
    if (covering.length === 0) continue;
    const candidates = dep.ecosystem === 'PyPI' ? new Set([...modulesOfDistribution(dep.name), normalizeName('PyPI', dep.module?.split('.')[0] ?? dep.name)]) : new Set([normalizeName('npm', dep.name)]);
    const isDeclared = covering.some((m) => [...m.declares!.names].some((n) => candidates.has(n) || (dep.ecosystem === 'PyPI' && modulesOfDistribution(n).some((x) => candidates.has(x)))));
    if (isDeclared || (dep.ecosystem === 'npm' && dep.name.startsWith('@types/'))) continue;
    const where = covering.map((m) => m.file).join(', ');
    emit(dep, {
      kind: 'undeclared',
      ruleId: 'deps.undeclared-import',
      severity: 'low',
      confidence: dep.guessed ? 'low' : 'medium',
      message: `\`${dep.module}\` is imported but "${dep.name}" is not declared in ${where}. An undeclared package is installed by hand or by accident (whatever that name resolves to on the registry at the time), so builds differ and a squatted name can slip in. Declare "${dep.name}" with a version in the manifest, or remove the import.`,
      dependency: { ecosystem: dep.ecosystem, name: dep.name, reasons: [`not declared in ${where}`] },
    }, nameKey(dep));
  }

  const findings: Finding[] = [];
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.location.start.offset - b.location.start.offset || a.ruleId.localeCompare(b.ruleId));
    const text = texts.get(file);
    if (text !== undefined) applySuppressions(list, new LineIndex(text), file);
    assignFingerprints(list, (f) => f.snippet);
    findings.push(...list);
  }
  findings.sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : a.location.start.offset - b.location.start.offset));
  return { findings, errors, dependencies: all, unchecked: facts.unchecked, advisorySource: facts.advisorySource };
}

/** What the checks said about the packages a manifest change adds. */
export interface ManifestChangeResult {
  findings: Finding[];
  errors: ScanError[];
  unchecked: CheckReport['unchecked'];
  /** How many dependencies the change adds (the ones checked). */
  added: number;
}

/**
 * Check the dependencies a change to one manifest adds (a coding agent's write, judged before
 * it lands): each declaration in `after` that `before` does not have, by name, version and
 * requirement. Includes (`-r`) are not followed: the write is judged, not the project.
 */
export async function checkManifestChange(file: string, before: string | null, after: string, options: CheckOptions = {}): Promise<ManifestChangeResult> {
  const kind = manifestKind(file);
  if (!kind) return { findings: [], errors: [], unchecked: [], added: 0 };
  const r = parseManifest(kind, file, after);
  const lines = new LineIndex(after);
  const errors: ScanError[] = r.errors.map((e) => {
    const pos = e.offset !== undefined ? lines.position(e.offset) : undefined;
    return { path: file, kind: 'parse' as const, level: r.deps.length ? ('warning' as const) : ('error' as const), message: e.message, ...(pos ? { location: { path: file, start: pos, end: pos } } : {}) };
  });
  const key = (d: Dependency) => `${versionKey(d)}\u0000${d.spec ?? ''}`;
  const had = new Set(before === null ? [] : parseManifest(kind, file, before).deps.map(key));
  const added = r.deps.filter((d) => !had.has(key(d)));
  if (added.length === 0) return { findings: [], errors, unchecked: [], added: 0 };
  const facts = await gatherFacts(added.map(toQuery), resolveOptions(options));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const d of added) {
    for (const f of findingsFor(toQuery(d), facts)) {
      const k = `${f.ruleId}\u0000${key(d)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      findings.push(toFinding(d, f));
    }
  }
  findings.sort((a, b) => a.location.start.offset - b.location.start.offset || a.ruleId.localeCompare(b.ruleId));
  applySuppressions(findings, lines, file);
  assignFingerprints(findings, (f) => f.snippet);
  return { findings, errors, unchecked: facts.unchecked, added: added.length };
}

function lockedNames(lockedIn: Map<string, Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const s of lockedIn.values()) for (const n of s) out.add(n);
  return out;
}

function isWithin(file: string, dir: string): boolean {
  return dir === '.' || file.startsWith(`${dir}/`) || (path.isAbsolute(file) && file.startsWith(`${dir}/`));
}

function toQuery(d: Dependency): PackageQuery {
  return { ecosystem: d.ecosystem, name: d.name, version: d.version, versionKind: d.versionKind, spec: d.spec, guessed: d.guessed, module: d.module, nonRegistry: d.nonRegistry, source: d.source };
}

/** Top-level Python modules the project itself provides (files and package folders). */
function localModules(targets: Target[]): Set<string> {
  const out = new Set<string>();
  for (const t of targets) {
    if (!/\.pyi?$/.test(t.path)) continue;
    const parts = t.path.split('/');
    out.add(parts[parts.length - 1].replace(/\.pyi?$/, ''));
    for (const p of parts.slice(0, -1)) if (p !== '.' && p !== '..') out.add(p);
  }
  return out;
}

function projectName(kind: ManifestKind, text: string): string | undefined {
  try {
    if (kind === 'package.json') {
      const n = (JSON.parse(text) as { name?: unknown }).name;
      return typeof n === 'string' ? n : undefined;
    }
    if (kind === 'pyproject.toml') {
      // parsed, not searched: a regex over the section rescanned the file (a project's own file is untrusted input)
      const t = parseToml(text) as { project?: { name?: unknown }; tool?: { poetry?: { name?: unknown } } };
      const n = t.project?.name ?? t.tool?.poetry?.name;
      return typeof n === 'string' ? n : undefined;
    }
  } catch {
    // the parser reported it
  }
  return undefined;
}

function toFinding(dep: Dependency, f: DependencyFinding): Finding {
  const vulnerable = f.kind === 'vulnerable';
  const refs = (f.dependency.advisories ?? []).slice(0, 10).map((id) => `https://osv.dev/vulnerability/${id}`);
  return {
    ruleId: f.ruleId,
    kind: 'dependency',
    message: f.message,
    severity: f.severity,
    confidence: f.confidence,
    location: dep.location,
    snippet: dep.snippet,
    cwe: [vulnerable ? CWE_VULNERABLE : CWE_UNTRUSTED],
    owasp: [vulnerable ? 'A06:2021 - Vulnerable and Outdated Components' : 'A08:2021 - Software and Data Integrity Failures'],
    metadata: { category: 'security', subcategory: ['supply-chain'], confidence: f.confidence, ...(refs.length ? { references: refs } : {}) },
    fingerprint: '',
    dependency: { ...f.dependency, ...(dep.version && !f.dependency.version ? { version: dep.version } : {}) },
  };
}

/** Unchecked work as warnings a report shows (path `<deps>`). */
export function uncheckedErrors(result: Pick<DepsResult, 'unchecked'>): ScanError[] {
  return result.unchecked.map((u) => ({
    path: '<deps>',
    kind: 'io' as const,
    level: 'warning' as const,
    message: `${u.check} check did not run${u.packages?.length ? ` for ${u.packages.length} package(s) (${u.packages.slice(0, 5).join(', ')}${u.packages.length > 5 ? ', ...' : ''})` : ''}: ${u.reason}`,
  }));
}
