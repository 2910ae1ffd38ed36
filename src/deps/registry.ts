/**
 * Registry metadata: whether a package exists, when it was first published, how many versions
 * it has, whether it links a source repository, and whether installing it runs code.
 * npm registry documents (GET /<name>) and PyPI's JSON API (GET /pypi/<name>/json).
 *
 * Only a summary is kept (and cached): full npm documents run to megabytes.
 */
import { HttpError, requestJson, type JsonCache } from './http.js';
import { normalizeName } from './names.js';
import type { Ecosystem } from './types.js';

export interface PackageMeta {
  ecosystem: Ecosystem;
  name: string;
  exists: boolean;
  /** ISO time of the first publication. */
  created?: string;
  /** Published versions (releases with files, for PyPI). */
  versions: number;
  /** The published version strings. */
  versionList?: string[];
  latest?: string;
  repository?: string;
  /** npm: install-time scripts by version (only versions that have any). */
  installScripts?: Record<string, string[]>;
  /** PyPI: versions published without a wheel (installing runs the package's build code). */
  sdistOnly?: string[];
  /** npm: all versions were unpublished. */
  unpublished?: boolean;
  /** npm replaced the package with a security placeholder (it was malicious). */
  securityHolder?: boolean;
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;
const REPO_HOST = /(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|sr\.ht|gitee\.com|sourceforge\.net|git\.)/i;

interface NpmDoc {
  name?: string;
  'dist-tags'?: Record<string, string>;
  time?: Record<string, string | undefined> & { unpublished?: unknown };
  versions?: Record<string, { scripts?: Record<string, string>; repository?: unknown; deprecated?: string }>;
  repository?: unknown;
  homepage?: string;
}

function repoUrl(r: unknown): string | undefined {
  if (typeof r === 'string' && r.trim()) return r.trim();
  if (r && typeof r === 'object' && typeof (r as { url?: unknown }).url === 'string') return (r as { url: string }).url;
  return undefined;
}

/** The earliest version time, for registries (mirrors) that give no `created`. */
function earliest(time: NpmDoc['time']): string | undefined {
  let min: string | undefined;
  for (const [k, v] of Object.entries(time ?? {})) {
    if (k === 'modified' || k === 'unpublished' || typeof v !== 'string' || Number.isNaN(Date.parse(v))) continue;
    if (!min || Date.parse(v) < Date.parse(min)) min = v;
  }
  return min;
}

export function summarizeNpm(name: string, doc: NpmDoc | null): PackageMeta {
  if (!doc) return { ecosystem: 'npm', name, exists: false, versions: 0 };
  const versions = doc.versions ?? {};
  const list = Object.keys(versions);
  const latest = doc['dist-tags']?.latest;
  const installScripts: Record<string, string[]> = {};
  for (const [v, m] of Object.entries(versions)) {
    const s = INSTALL_SCRIPTS.filter((k) => typeof m?.scripts?.[k] === 'string' && m.scripts[k]!.trim() !== '');
    if (s.length) installScripts[v] = s;
  }
  const latestDoc = latest ? versions[latest] : undefined;
  const repository = repoUrl(doc.repository) ?? repoUrl(latestDoc?.repository) ?? (doc.homepage && REPO_HOST.test(doc.homepage) ? doc.homepage : undefined);
  return {
    ecosystem: 'npm',
    name,
    exists: true,
    created: doc.time?.created ?? earliest(doc.time),
    versions: list.length,
    versionList: list,
    latest,
    repository,
    installScripts: Object.keys(installScripts).length ? installScripts : undefined,
    // no versions: unpublished (the registry may or may not say when): nothing legitimate installs
    unpublished: list.length === 0 ? true : undefined,
    securityHolder: latest !== undefined && /-security$/.test(latest) ? true : undefined,
  };
}

interface PypiDoc {
  info?: { name?: string; version?: string; home_page?: string | null; project_urls?: Record<string, string> | null; download_url?: string | null };
  releases?: Record<string, { packagetype?: string; upload_time_iso_8601?: string; upload_time?: string; yanked?: boolean }[]>;
}

export function summarizePypi(name: string, doc: PypiDoc | null): PackageMeta {
  if (!doc) return { ecosystem: 'PyPI', name, exists: false, versions: 0 };
  let created: string | undefined;
  let versions = 0;
  const versionList: string[] = [];
  const sdistOnly: string[] = [];
  for (const [v, files] of Object.entries(doc.releases ?? {})) {
    if (!Array.isArray(files) || files.length === 0) continue;
    versions++;
    versionList.push(v);
    if (!files.some((f) => f.packagetype === 'bdist_wheel')) sdistOnly.push(v);
    for (const f of files) {
      const t = f.upload_time_iso_8601 ?? (f.upload_time ? `${f.upload_time}Z` : undefined);
      if (t && (!created || Date.parse(t) < Date.parse(created))) created = t;
    }
  }
  const urls = [...Object.entries(doc.info?.project_urls ?? {}), ['Homepage', doc.info?.home_page ?? ''], ['Download', doc.info?.download_url ?? '']] as [string, string][];
  const repo = urls.find(([k, u]) => typeof u === 'string' && (REPO_HOST.test(u) || /^(source|repository|code|source code)$/i.test(k)) && /^https?:\/\//.test(u));
  return {
    ecosystem: 'PyPI',
    name: doc.info?.name ?? name,
    exists: true,
    created,
    versions,
    versionList,
    latest: doc.info?.version,
    repository: repo?.[1],
    sdistOnly: sdistOnly.length ? sdistOnly : undefined,
  };
}

export interface RegistryConfig {
  npmRegistry: string;
  pypiUrl: string;
  timeoutMs: number;
  cache?: JsonCache;
  cacheTtlMs: number;
}

export function npmDocUrl(base: string, name: string): string {
  // a scoped name keeps its @ and encodes the slash, as npm's own client does
  return `${base.replace(/\/+$/, '')}/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

export function pypiDocUrl(base: string, name: string): string {
  // the PEP 503 name: PyPI answers for it directly instead of redirecting
  return `${base.replace(/\/+$/, '')}/pypi/${encodeURIComponent(normalizeName('PyPI', name))}/json`;
}

/** Metadata of one package, from the cache when fresh. Throws HttpError when the registry cannot answer. */
export async function fetchMeta(ecosystem: Ecosystem, name: string, cfg: RegistryConfig): Promise<PackageMeta> {
  const url = ecosystem === 'npm' ? npmDocUrl(cfg.npmRegistry, name) : pypiDocUrl(cfg.pypiUrl, name);
  const key = `meta:v2:${url}`;
  const cached = cfg.cache?.get<PackageMeta>(key, cfg.cacheTtlMs);
  if (cached) return cached;
  const res = ecosystem === 'npm'
    ? await requestJson<NpmDoc>(url, { timeoutMs: cfg.timeoutMs })
    : await requestJson<PypiDoc>(url, { timeoutMs: cfg.timeoutMs });
  const meta = ecosystem === 'npm' ? summarizeNpm(name, res.body as NpmDoc | null) : summarizePypi(name, res.body as PypiDoc | null);
  cfg.cache?.set(key, meta);
  return meta;
}

export { HttpError };
