/**
 * The dependency checks on the manifests a coding agent writes (requirements*.txt,
 * package.json, pyproject.toml, Pipfile, lockfiles): the packages the write adds are checked
 * as `redpen deps` checks them: typosquats (offline, from the shipped popularity lists),
 * packages and versions that do not exist (the registry), known vulnerabilities (OSV, or the
 * local database).
 *
 * Invariants:
 * - Network use is bounded by short per-request timeouts (an agent waits on the hook), and
 *   none at all with `offline`.
 * - A check that could not run (offline, registry or OSV unreachable, no database) is said,
 *   to the agent too; it never reads as clean.
 * - The checks load only when the event writes a manifest, and only when this build has the
 *   dependency capability; without it, that is said too.
 */
import type { Finding, ScanError } from '../core/types.js';
import type { Parsed } from './index.js';

export interface HookDepsOptions {
  /** No network: typosquats and the local advisory database only. */
  offline?: boolean;
  /** Per-request timeout (default 4 s). */
  timeoutMs?: number;
  /** Other options of the checks (base URLs, cache, database), as CheckOptions. */
  check?: Record<string, unknown>;
}

/** Per written file (absolute path): the findings on the packages it adds, and what was not checked. */
export type ManifestVerdicts = Map<string, { findings: Finding[]; notes: string[] }>;

interface Unchecked {
  check: string;
  reason: string;
  packages?: string[];
}

interface DepsCapability {
  checkManifestChange(file: string, before: string | null, after: string, options: Record<string, unknown>): Promise<{ findings: Finding[]; errors: ScanError[]; unchecked: Unchecked[]; added: number }>;
  manifestKind(file: string): string | null;
}

async function loadCapability(): Promise<DepsCapability | null> {
  const spec = '../deps/index.js';
  const kinds = '../deps/manifests/index.js';
  try {
    const mod = (await import(spec)) as Partial<DepsCapability>;
    const m = (await import(kinds)) as Partial<DepsCapability>;
    return typeof mod.checkManifestChange === 'function' && typeof m.manifestKind === 'function' ? { checkManifestChange: mod.checkManifestChange, manifestKind: m.manifestKind } : null;
  } catch {
    return null;
  }
}

// a cheap first look before the capability loads; manifestKind decides
const MAYBE_MANIFEST = /(^|[\\/])Pipfile$|\.(json|lock|toml|ya?ml|txt|in)$/i;

function describeUnchecked(u: Unchecked): string {
  const which = u.packages?.length ? ` for ${u.packages.slice(0, 5).join(', ')}${u.packages.length > 5 ? ', ...' : ''}` : '';
  const what = u.check === 'registry' ? 'whether the packages exist' : u.check === 'vulnerabilities' ? 'known vulnerabilities' : `the ${u.check} check`;
  return `not checked: ${what}${which} (${u.reason})`;
}

/** Run the dependency checks on every manifest the event writes. */
export async function checkManifestWrites(parsed: Parsed, o: HookDepsOptions = {}): Promise<ManifestVerdicts> {
  const out: ManifestVerdicts = new Map();
  const writes = parsed.writes.filter((w) => MAYBE_MANIFEST.test(w.abs));
  if (writes.length === 0) return out;
  const cap = await loadCapability();
  for (const w of writes) {
    const display = w.abs.split(/[\\/]/).pop() ?? w.abs;
    if (!cap) {
      const name = display.toLowerCase();
      if (name === 'package.json' || name === 'pyproject.toml' || name === 'pipfile' || (name.includes('requirements') && name.endsWith('.txt'))) out.set(w.abs, { findings: [], notes: [`${display}: the packages it adds were not checked (this build of redpen has no dependency checks)`] });
      continue;
    }
    if (!cap.manifestKind(w.abs)) continue;
    const after = w.after ?? w.fragment ?? '';
    const before = w.after !== null ? w.before : null;
    try {
      const r = await cap.checkManifestChange(w.abs, before, after, { ...o.check, offline: o.offline === true, timeoutMs: o.timeoutMs ?? 4000 });
      const notes = [...r.errors.map((e) => `${display}: ${e.message}`), ...r.unchecked.map((u) => `${display}: ${describeUnchecked(u)}`)];
      out.set(w.abs, { findings: r.findings.filter((f) => !f.suppressed), notes });
    } catch (e) {
      out.set(w.abs, { findings: [], notes: [`${display}: the packages it adds were not checked (${(e as Error).message})`] });
    }
  }
  return out;
}
