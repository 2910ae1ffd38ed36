/**
 * The dependency checks: facts are gathered once per package (registry metadata, resemblance
 * to popular names) and once per package version (advisories), then turned into findings for
 * each place that declares or imports the package.
 *
 * Invariants:
 * - A check that cannot run (offline, registry down, no advisory database) is listed in
 *   `unchecked` with the reason; its packages get no verdict rather than a clean one.
 * - Network use is bounded: every request has a timeout, requests run a few at a time, OSV
 *   queries go in batches, answers are cached on disk, and after a host fails at the network
 *   level no further request goes to it in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { DependencyInfo, Severity } from '../core/types.js';
import { defaultCacheDir } from '../runner/cache.js';
import { AdvisoryDb } from './db.js';
import { HttpError, JsonCache } from './http.js';
import { normalizeName } from './names.js';
import { isMalicious, matchRecord, severityOf, type Match, type OsvRecord } from './osv.js';
import { fetchRecords, queryBatch } from './osvapi.js';
import { fetchMeta, type PackageMeta } from './registry.js';
import { defaultDbPath } from './paths.js';
import { popularIndex } from './typosquat.js';
import type { CheckName, CheckOptions, CheckReport, DependencyFinding, Ecosystem, PackageRef, Unchecked } from './types.js';
import { schemeFor } from './versions.js';

export { defaultDbPath };

export const DEFAULT_OSV_URL = 'https://api.osv.dev';
export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
export const DEFAULT_PYPI_URL = 'https://pypi.org';

/** What a check needs to know about one occurrence of a package. */
export interface PackageQuery extends PackageRef {
  versionKind?: 'exact' | 'minimum';
  spec?: string;
  /** The import names a module whose distribution was guessed. */
  guessed?: boolean;
  module?: string;
  nonRegistry?: boolean;
  source?: 'manifest' | 'lockfile' | 'import';
}

export interface ResolvedOptions {
  offline: boolean;
  checks: Record<CheckName, boolean>;
  osvUrl: string;
  npmRegistry: string;
  pypiUrl: string;
  dbPath: string;
  cache?: JsonCache;
  cacheTtlMs: number;
  timeoutMs: number;
  concurrency: number;
  recentDays: number;
  maxDatabaseAgeDays: number;
  offlineReason: string;
  now: Date;
}

export const DEFAULT_MAX_DATABASE_AGE_DAYS = 7;

/** Days after which a local advisory database is stale: REDPEN_DB_MAX_AGE_DAYS, else 7. */
export function maxDatabaseAgeDays(): number {
  const env = Number(process.env.REDPEN_DB_MAX_AGE_DAYS);
  return env > 0 ? env : DEFAULT_MAX_DATABASE_AGE_DAYS;
}

export function resolveOptions(o: CheckOptions = {}): ResolvedOptions {
  const cacheDir = o.cacheDir === false ? null : (o.cacheDir ?? path.join(defaultCacheDir(), 'deps'));
  return {
    offline: o.offline ?? false,
    checks: { vulnerabilities: o.checks?.vulnerabilities ?? true, registry: o.checks?.registry ?? true, typosquat: o.checks?.typosquat ?? true },
    osvUrl: o.osvUrl ?? process.env.REDPEN_OSV_URL ?? DEFAULT_OSV_URL,
    npmRegistry: o.npmRegistry ?? process.env.REDPEN_NPM_REGISTRY ?? DEFAULT_NPM_REGISTRY,
    pypiUrl: o.pypiUrl ?? process.env.REDPEN_PYPI_URL ?? DEFAULT_PYPI_URL,
    dbPath: o.dbPath ?? defaultDbPath(),
    cache: cacheDir ? new JsonCache(cacheDir) : undefined,
    cacheTtlMs: o.cacheTtlMs ?? 24 * 3600_000,
    timeoutMs: o.timeoutMs ?? 10_000,
    concurrency: Math.max(1, o.concurrency ?? 8),
    recentDays: o.recentDays ?? 30,
    maxDatabaseAgeDays: o.maxDatabaseAgeDays ?? maxDatabaseAgeDays(),
    offlineReason: o.offlineReason ?? 'offline',
    now: o.now ?? new Date(),
  };
}

export function nameKey(p: { ecosystem: Ecosystem; name: string }): string {
  return `${p.ecosystem}\u0000${normalizeName(p.ecosystem, p.name)}`;
}

export function versionKey(p: { ecosystem: Ecosystem; name: string; version?: string }): string {
  return `${nameKey(p)}\u0000${p.version ?? ''}`;
}

export interface AdvisoryHit {
  record: OsvRecord;
  match: Match;
}

export interface Facts {
  meta: Map<string, PackageMeta>;
  vulns: Map<string, AdvisoryHit[]>;
  unchecked: Unchecked[];
  advisorySource: string;
  options: ResolvedOptions;
}

function registryName(e: Ecosystem): string {
  return e === 'npm' ? 'the npm registry' : 'PyPI';
}

/** Gather registry metadata and advisories for every package (each once). */
export async function gatherFacts(queries: PackageQuery[], options: ResolvedOptions): Promise<Facts> {
  const facts: Facts = { meta: new Map(), vulns: new Map(), unchecked: [], advisorySource: 'none', options };
  const registryPkgs = queries.filter((q) => !q.nonRegistry);
  await Promise.all([
    options.checks.registry ? gatherMeta(registryPkgs, options, facts) : Promise.resolve(),
    options.checks.vulnerabilities ? gatherVulns(registryPkgs.filter((q) => q.version), options, facts) : Promise.resolve(),
  ]);
  return facts;
}

async function gatherMeta(queries: PackageQuery[], o: ResolvedOptions, facts: Facts): Promise<void> {
  const unique = new Map<string, PackageQuery>();
  for (const q of queries) if (!unique.has(nameKey(q))) unique.set(nameKey(q), q);
  if (unique.size === 0) return;
  if (o.offline) {
    facts.unchecked.push({ check: 'registry', reason: `${o.offlineReason}: whether packages exist, how new they are and whether they run install scripts needs the registry`, packages: [...unique.values()].map((q) => q.name) });
    return;
  }
  const limit = pLimit(o.concurrency);
  const downHosts = new Map<string, string>();
  const failed = new Map<string, string[]>();
  await Promise.all([...unique].map(([key, q]) => limit(async () => {
    const base = q.ecosystem === 'npm' ? o.npmRegistry : o.pypiUrl;
    const down = downHosts.get(base);
    if (down) {
      (failed.get(down) ?? failed.set(down, []).get(down)!).push(q.name);
      return;
    }
    try {
      facts.meta.set(key, await fetchMeta(q.ecosystem, q.name, { npmRegistry: o.npmRegistry, pypiUrl: o.pypiUrl, timeoutMs: o.timeoutMs, cache: o.cache, cacheTtlMs: o.cacheTtlMs }));
    } catch (e) {
      const reason = e instanceof HttpError ? e.message : `registry lookup failed: ${(e as Error).message}`;
      // a host that cannot be reached at all is not asked again in this run
      if (e instanceof HttpError && e.status === undefined) downHosts.set(base, reason);
      (failed.get(reason) ?? failed.set(reason, []).get(reason)!).push(q.name);
    }
  })));
  for (const [reason, names] of failed) facts.unchecked.push({ check: 'registry', reason, packages: names.sort() });
}

async function gatherVulns(queries: PackageQuery[], o: ResolvedOptions, facts: Facts): Promise<void> {
  const unique = new Map<string, PackageQuery & { version: string }>();
  for (const q of queries) if (q.version && !unique.has(versionKey(q))) unique.set(versionKey(q), q as PackageQuery & { version: string });
  if (unique.size === 0) return;
  const list = [...unique.values()];
  let apiError: string | null = null;
  if (!o.offline) {
    try {
      const cfg = { url: o.osvUrl, timeoutMs: o.timeoutMs, concurrency: o.concurrency, cache: o.cache };
      const ids = await queryBatch(list, cfg);
      const records = await fetchRecords(ids.flat(), cfg);
      list.forEach((q, i) => {
        const hits: AdvisoryHit[] = [];
        for (const { id } of ids[i]) {
          const record = records.get(id);
          if (!record) continue;
          // OSV matched it; our own evaluation names the range and the fix (or says it cannot)
          hits.push({ record, match: matchRecord(record, q.ecosystem, q.name, q.version) ?? { range: 'see the advisory' } });
        }
        facts.vulns.set(versionKey(q), hits);
      });
      facts.advisorySource = `OSV API (${hostOf(o.osvUrl)})`;
      return;
    } catch (e) {
      apiError = e instanceof HttpError ? e.message : `OSV query failed: ${(e as Error).message}`;
      facts.vulns.clear();
    }
  }
  if (!fs.existsSync(o.dbPath)) {
    facts.unchecked.push({
      check: 'vulnerabilities',
      reason: `${apiError ? `${apiError}; ` : o.offline ? `${o.offlineReason} and ` : ''}no local advisory database (run \`redpen db update\`, or \`redpen db import PATH\` on an air-gapped machine)`,
      packages: list.map((q) => `${q.name}@${q.version}`),
    });
    return;
  }
  let db: AdvisoryDb | null = null;
  try {
    db = AdvisoryDb.open(o.dbPath, { mustExist: true, readOnly: true });
    if (db.isEmpty()) {
      // created but never filled (an interrupted update by an older version): knows nothing
      facts.unchecked.push({
        check: 'vulnerabilities',
        reason: `${apiError ? `${apiError}; ` : ''}the advisory database ${o.dbPath} is empty (run \`redpen db update\`, or \`redpen db import PATH\`)`,
        packages: list.map((q) => `${q.name}@${q.version}`),
      });
      return;
    }
    const byName = new Map<string, OsvRecord[]>();
    for (const q of list) {
      const nk = nameKey(q);
      let records = byName.get(nk);
      if (!records) byName.set(nk, (records = db.recordsFor(q.ecosystem, q.name)));
      const hits: AdvisoryHit[] = [];
      for (const record of records) {
        const match = matchRecord(record, q.ecosystem, q.name, q.version);
        if (match) hits.push({ record, match });
      }
      facts.vulns.set(versionKey(q), hits);
    }
    const asOf = db.dataDate();
    const ageDays = asOf ? (o.now.getTime() - Date.parse(asOf)) / 86_400_000 : Infinity;
    facts.advisorySource = `local database${asOf ? ` (advisories up to ${asOf.slice(0, 10)})` : ''}`;
    const partial: string[] = [];
    if (apiError) partial.push(`${apiError}; used the local advisory database instead`);
    if (!(ageDays <= o.maxDatabaseAgeDays)) {
      partial.push(
        `the local advisory database ${asOf ? `holds advisories up to ${asOf.slice(0, 10)} (${Math.floor(ageDays)} days old, older than ${o.maxDatabaseAgeDays} days)` : 'does not say how recent it is'}: advisories published since were not checked (run \`redpen db update\`)`,
      );
    }
    if (partial.length) facts.unchecked.push({ check: 'vulnerabilities', reason: partial.join('; ') });
  } catch (e) {
    facts.vulns.clear();
    facts.unchecked.push({ check: 'vulnerabilities', reason: `${apiError ? `${apiError}; ` : ''}the advisory database ${o.dbPath} could not be read: ${(e as Error).message}`, packages: list.map((q) => `${q.name}@${q.version}`) });
  } finally {
    db?.close();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const SEV_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
function maxSeverity(a: Severity, b: Severity): Severity {
  return SEV_ORDER.indexOf(a) >= SEV_ORDER.indexOf(b) ? a : b;
}

/** At most `max` characters, cut at a word. */
function shorten(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,.;:]+$/, '')}...`;
}

function info(q: PackageQuery, extra: Partial<DependencyInfo> = {}): DependencyInfo {
  return { ecosystem: q.ecosystem, name: q.name, ...(q.version ? { version: q.version } : {}), ...extra };
}

function daysBetween(a: Date, iso: string): number {
  return (a.getTime() - Date.parse(iso)) / 86_400_000;
}

/** Findings for one occurrence of a package, from the gathered facts. */
export function findingsFor(q: PackageQuery, facts: Facts): DependencyFinding[] {
  if (q.nonRegistry) return [];
  const o = facts.options;
  const out: DependencyFinding[] = [];
  const nk = nameKey(q);
  const meta = facts.meta.get(nk);
  const index = popularIndex(q.ecosystem);
  const popular = index.rank(q.name) !== undefined;
  let resembles = o.checks.typosquat ? index.resemble(q.name) : null;
  // a guessed import name one letter from a popular one is usually a local module (`server`
  // vs semver, `model` vs modal): only the registry saying the name is taken makes it a finding
  if (resembles && q.guessed && resembles.how === 'is one letter away from' && !meta?.exists) resembles = null;
  const reg = registryName(q.ecosystem);
  const via = q.module && q.source === 'import' ? ` (imported as \`${q.module}\`)` : '';

  if (meta && !meta.exists) {
    const guess = q.guessed
      ? ` The distribution name was inferred from the module name; if \`${q.module}\` is installed under another name, declare that name in the manifest.`
      : '';
    out.push({
      kind: 'invented',
      ruleId: 'deps.nonexistent-package',
      severity: 'high',
      confidence: q.guessed ? 'medium' : 'high',
      message: `Package "${q.name}"${via} does not exist on ${reg}. Code generators invent plausible package names, and attackers register such names so that the next install runs their code ("slopsquatting"). Do not install it; ${resembles ? `did you mean "${resembles.popular}"? ` : ''}use a real, vetted package that provides this functionality, checked on ${reg}.${guess}`,
      dependency: info(q, { reasons: ['not found on the registry'], ...(resembles ? { resembles: resembles.popular } : {}) }),
    });
    return out;
  }
  if (meta?.securityHolder || meta?.unpublished) {
    out.push({
      kind: 'malicious',
      ruleId: 'deps.removed-package',
      severity: meta.securityHolder ? 'critical' : 'high',
      confidence: 'high',
      message: meta.securityHolder
        ? `Package "${q.name}" was taken down by npm for security reasons (only a placeholder remains): earlier versions were malicious. Remove it, check machines that installed it for compromise, and use a vetted alternative.`
        : `Package "${q.name}" has no published versions (all were unpublished or removed); nothing legitimate installs under that name, and an attacker can publish under it again. Remove the dependency${resembles ? `; did you mean "${resembles.popular}"?` : ' and use a maintained, vetted package.'}`,
      dependency: info(q, { reasons: [meta.securityHolder ? 'replaced by a security placeholder' : 'no published versions'], ...(resembles ? { resembles: resembles.popular } : {}) }),
    });
    return out;
  }
  const missing = meta?.exists ? missingVersion(q, meta) : null;
  if (missing) {
    out.push({
      kind: 'invented',
      ruleId: 'deps.nonexistent-version',
      severity: 'medium',
      confidence: 'high',
      message: `${missing} Generated manifests often name versions that were never released; the install fails, or a later publication under that version decides what gets installed. Use a published version (the latest is ${meta!.latest ?? 'listed on the registry'}).`,
      dependency: info(q, { reasons: [missing] }),
    });
  }
  if (meta && meta.exists && !popular) {
    const reasons: string[] = [];
    let score = 0;
    if (meta.created && daysBetween(o.now, meta.created) < o.recentDays) {
      reasons.push(`first published ${Math.max(0, Math.floor(daysBetween(o.now, meta.created)))} day(s) ago`);
      score += 2;
    }
    if (meta.versions <= 2) {
      reasons.push(`only ${meta.versions} version(s) published`);
      score += 1;
    }
    if (!meta.repository) {
      reasons.push('no source repository linked');
      score += 1;
    }
    const v = q.version && q.versionKind === 'exact' ? q.version : meta.latest;
    const scripts = v ? meta.installScripts?.[v] : undefined;
    if (scripts?.length) {
      reasons.push(`runs install scripts (${scripts.join(', ')}) in ${v}`);
      score += 2;
    }
    if (v && meta.sdistOnly?.includes(v)) {
      reasons.push(`${v} has no wheel: installing it runs the package's build code`);
      score += 1;
    }
    if (score >= 2) {
      const severity: Severity = score >= 5 ? 'high' : score >= 3 ? 'medium' : 'low';
      out.push({
        kind: 'suspicious',
        ruleId: 'deps.suspicious-package',
        severity,
        confidence: 'medium',
        message: `Package "${q.name}"${via} looks risky: ${reasons.join('; ')}. New, barely used packages and install-time code are how malicious packages reach developers. Check its source and maintainers before installing, pin a reviewed version, or use a well-established alternative.`,
        dependency: info(q, { reasons }),
      });
    }
  }
  if (resembles && !(meta && !meta.exists)) {
    const established = meta?.created && daysBetween(o.now, meta.created) > 730 && meta.versions > 10;
    out.push({
      kind: 'typosquat',
      ruleId: 'deps.typosquat',
      severity: established ? 'low' : 'medium',
      confidence: established ? 'low' : 'medium',
      message: `Package "${q.name}"${via} ${resembles.how} the popular package "${resembles.popular}": a possible typosquat, where an attacker publishes a near-identical name to catch slips. Make sure "${q.name}" is the package you mean; if you meant "${resembles.popular}", depend on that instead.`,
      dependency: info(q, { resembles: resembles.popular, reasons: [`${resembles.how} "${resembles.popular}"`] }),
    });
  }
  const hits = q.version ? facts.vulns.get(versionKey(q)) : undefined;
  if (hits && hits.length > 0) out.push(...vulnerabilityFindings(q, hits));
  return out;
}

/** Why the requested version cannot be installed, or null: an exact version never published, or a range no release satisfies. */
function missingVersion(q: PackageQuery, meta: PackageMeta): string | null {
  const list = meta.versionList;
  if (!list || list.length === 0) return null;
  const scheme = schemeFor(q.ecosystem);
  if (q.version && q.versionKind === 'exact') {
    if (list.includes(q.version) || list.some((v) => scheme.valid(v) && scheme.valid(q.version!) && scheme.compare(v, q.version!) === 0)) return null;
    return `Version ${q.version} of "${q.name}" was never published on ${registryName(q.ecosystem)}.`;
  }
  if (q.spec && q.versionKind === 'minimum') {
    const ok = list.some((v) => scheme.valid(v) && scheme.satisfies(v, q.spec!));
    return ok ? null : `No published version of "${q.name}" satisfies "${q.spec}".`;
  }
  return null;
}

function vulnerabilityFindings(q: PackageQuery, hits: AdvisoryHit[]): DependencyFinding[] {
  const out: DependencyFinding[] = [];
  const malicious = hits.filter((h) => isMalicious(h.record));
  if (malicious.length) {
    out.push({
      kind: 'malicious',
      ruleId: 'deps.malicious-package',
      severity: 'critical',
      confidence: 'high',
      message: `Package "${q.name}"${q.version ? ` ${q.version}` : ''} is a known malicious package (${malicious.map((h) => h.record.id).join(', ')}). Remove it, treat machines that installed it as compromised (rotate credentials), and use a vetted alternative.`,
      dependency: info(q, { advisories: malicious.map((h) => h.record.id), aliases: [...new Set(malicious.flatMap((h) => h.record.aliases ?? []))] }),
    });
  }
  const vulns = hits.filter((h) => !isMalicious(h.record));
  if (vulns.length === 0) return out;
  const scheme = schemeFor(q.ecosystem);
  let severity: Severity = 'info';
  let worst: { hit: AdvisoryHit; score: number; cvss?: string } | null = null;
  let fixAll: string | undefined;
  let unfixed = 0;
  for (const h of vulns) {
    const s = severityOf(h.record, h.record.affected?.[0]);
    severity = maxSeverity(severity, s.severity);
    const score = s.score ?? SEV_ORDER.indexOf(s.severity);
    if (!worst || score > worst.score) worst = { hit: h, score, cvss: s.cvss };
    if (!h.match.fixed) unfixed++;
    else if (!fixAll || scheme.compare(h.match.fixed, fixAll) > 0) fixAll = h.match.fixed;
  }
  // one vulnerability often has several records (PYSEC and GHSA): count distinct ones by alias
  const groups: Set<string>[] = [];
  for (const h of vulns) {
    const names = new Set([h.record.id, ...(h.record.aliases ?? [])]);
    const g = groups.find((x) => [...names].some((n) => x.has(n)));
    if (g) for (const n of names) g.add(n);
    else groups.push(names);
  }
  const ids = vulns.map((h) => h.record.id);
  const aliases = [...new Set(vulns.flatMap((h) => h.record.aliases ?? []))].filter((a) => !ids.includes(a)).sort();
  const top = worst!.hit;
  const title = shorten(top.record.summary ?? top.record.details?.split(/(?<=\.)\s/)[0] ?? '', 160);
  const what = q.versionKind === 'minimum' ? `The requirement "${q.spec}" allows ${q.name} ${q.version}, which` : `${q.name} ${q.version}`;
  const n = groups.length;
  const fixText = unfixed === vulns.length
    ? 'No fixed version is published: replace the package or mitigate as the advisories describe.'
    : unfixed > 0
      ? `Upgrade to ${fixAll} or later (fixes ${vulns.length - unfixed} of ${vulns.length} advisories; the rest have no fix yet).`
      : `Upgrade to ${fixAll} or later${q.versionKind === 'minimum' ? ` (raise the lower bound of the requirement)` : ''}.`;
  const cves = aliases.filter((a) => a.startsWith('CVE-'));
  out.push({
    kind: 'vulnerable',
    ruleId: 'deps.vulnerable-dependency',
    severity,
    confidence: q.versionKind === 'minimum' ? 'medium' : 'high',
    message: `${what} has ${n} known vulnerabilit${n === 1 ? 'y' : 'ies'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, +${ids.length - 5} more` : ''}${cves.length ? `; ${cves.slice(0, 3).join(', ')}${cves.length > 3 ? ', ...' : ''}` : ''}), most severe: ${top.record.id}${title ? ` "${title}"` : ''}, affecting ${top.match.range}. ${fixText}`,
    dependency: info(q, {
      advisories: ids,
      aliases,
      affected: top.match.range,
      ...(fixAll && unfixed < vulns.length ? { fixedIn: fixAll } : {}),
      ...(worst!.cvss ? { cvss: worst!.cvss } : {}),
    }),
  });
  return out;
}

/** Check packages by name (and version): the library entry point for other surfaces. */
export async function checkPackages(packages: PackageRef[], options: CheckOptions = {}): Promise<CheckReport> {
  const o = resolveOptions(options);
  const queries: PackageQuery[] = packages.map((p) => {
    const versionKind = p.version ? 'exact' as const : undefined;
    return { ecosystem: p.ecosystem, name: p.name, version: p.version, versionKind };
  });
  const facts = await gatherFacts(queries, o);
  const findings: DependencyFinding[] = [];
  const seen = new Set<string>();
  for (const q of queries) {
    const k = versionKey(q);
    if (seen.has(k)) continue;
    seen.add(k);
    findings.push(...findingsFor(q, facts));
  }
  return { findings, unchecked: facts.unchecked, advisorySource: facts.advisorySource };
}
