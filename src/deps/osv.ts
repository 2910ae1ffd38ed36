/**
 * OSV records (https://ossf.github.io/osv-schema/): which versions a record affects, the range
 * and nearest fix to show, and the severity to report.
 *
 * Matching follows the schema's algorithm: a version is affected when an explicit `versions`
 * entry names it, or when, walking a SEMVER/ECOSYSTEM range's events in version order, the
 * last event at or below it is an `introduced` (a `fixed` at or below it, or a `last_affected`
 * below it, ends the affected span). GIT ranges name commits, not versions, and are ignored.
 */
import cvss from 'ae-cvss-calculator';
import type { Severity } from '../core/types.js';
import { normalizeName } from './names.js';
import type { Ecosystem } from './types.js';
import { schemeFor } from './versions.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
  repo?: string;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  database_specific?: Record<string, unknown>;
  ecosystem_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

/** Throws when `v` is not a plausible OSV record; returns it typed. */
export function asOsvRecord(v: unknown): OsvRecord {
  const r = v as OsvRecord;
  if (!r || typeof r !== 'object' || typeof r.id !== 'string' || !r.id) throw new Error('not an OSV record (no "id")');
  if (typeof r.modified !== 'string') throw new Error(`${r.id}: not an OSV record (no "modified")`);
  if (r.affected !== undefined && !Array.isArray(r.affected)) throw new Error(`${r.id}: "affected" is not a list`);
  return r;
}

/** The OSV ecosystem name of an `affected` entry, when it is one redpen checks. */
export function ecosystemOf(a: OsvAffected): Ecosystem | null {
  const e = a.package?.ecosystem;
  if (e === 'npm') return 'npm';
  if (e === 'PyPI') return 'PyPI';
  return null;
}

export interface Match {
  /** The affected span containing the version, e.g. ">=4.0.0 <4.17.21". */
  range: string;
  /** The nearest version that fixes it, when any. */
  fixed?: string;
}

/** Whether `version` of `ecosystem/name` is affected by `record`, and how. */
export function matchRecord(record: OsvRecord, ecosystem: Ecosystem, name: string, version: string): Match | null {
  if (record.withdrawn) return null;
  const scheme = schemeFor(ecosystem);
  if (!scheme.valid(version)) return null;
  const want = normalizeName(ecosystem, name);
  let found: Match | null = null;
  for (const a of record.affected ?? []) {
    if (ecosystemOf(a) !== ecosystem || normalizeName(ecosystem, a.package?.name ?? '') !== want) continue;
    const m = matchAffected(a, ecosystem, version);
    if (m && (!found || (m.fixed && (!found.fixed || scheme.compare(m.fixed, found.fixed) < 0)))) found = m;
  }
  return found;
}

function cmp(ecosystem: Ecosystem, a: string, b: string): number {
  if (a === '0') return b === '0' ? 0 : -1;
  if (b === '0') return 1;
  return schemeFor(ecosystem).compare(a, b);
}

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

export function matchAffected(a: OsvAffected, ecosystem: Ecosystem, version: string): Match | null {
  const scheme = schemeFor(ecosystem);
  const fixes: string[] = [];
  let range: string | null = null;
  for (const r of a.ranges ?? []) {
    if (r.type !== 'SEMVER' && r.type !== 'ECOSYSTEM') continue;
    const events = r.events.filter((e) => {
      const v = eventVersion(e);
      return v !== undefined && (v === '0' || scheme.valid(v));
    });
    for (const e of events) if (e.fixed) fixes.push(e.fixed);
    // stable sort by version; at equal versions the schema's order holds
    const sorted = events.map((e, i) => ({ e, i })).sort((x, y) => cmp(ecosystem, eventVersion(x.e)!, eventVersion(y.e)!) || x.i - y.i);
    let affected = false;
    let from: string | undefined;
    let until: string | undefined;
    let last: string | undefined;
    for (const { e } of sorted) {
      if (e.introduced !== undefined && cmp(ecosystem, e.introduced, version) <= 0) {
        affected = true;
        from = e.introduced;
      } else if (e.fixed !== undefined && cmp(ecosystem, e.fixed, version) <= 0) affected = false;
      else if (e.last_affected !== undefined && cmp(ecosystem, e.last_affected, version) < 0) affected = false;
    }
    if (!affected) continue;
    // the event that closes this span
    for (const { e } of sorted) {
      const c = cmp(ecosystem, eventVersion(e)!, version);
      if (e.fixed !== undefined && c > 0) until = e.fixed;
      else if (e.limit !== undefined && c > 0) until = e.limit;
      else if (e.last_affected !== undefined && c >= 0) last = e.last_affected;
      if (until || last) break;
    }
    const lower = from && from !== '0' ? `>=${from}` : '';
    const upper = until ? `<${until}` : last ? `<=${last}` : '';
    range = [lower, upper].filter(Boolean).join(ecosystem === 'PyPI' ? ', ' : ' ') || 'all versions';
    break;
  }
  if (!range && a.versions?.includes(version)) range = `version ${version} (listed)`;
  if (!range) return null;
  const later = fixes.filter((f) => f !== '0' && scheme.compare(f, version) > 0).sort((x, y) => scheme.compare(x, y));
  return { range, fixed: later[0] };
}

/** A malicious-package report (OpenSSF malicious-packages, `MAL-` ids). */
export function isMalicious(record: OsvRecord): boolean {
  return record.id.startsWith('MAL-') || (record.database_specific !== undefined && 'malicious-packages-origins' in record.database_specific);
}

export interface SeverityInfo {
  severity: Severity;
  /** The CVSS vector and score, e.g. "CVSS:3.1/AV:N/... (9.8)". */
  cvss?: string;
  score?: number;
}

function fromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** Severity from CVSS vectors (computed with ae-cvss-calculator), else the database's word, else medium. */
export function severityOf(record: OsvRecord, affected?: OsvAffected): SeverityInfo {
  if (isMalicious(record)) return { severity: 'critical' };
  const vectors = [...(affected?.severity ?? []), ...(record.severity ?? [])];
  let best: SeverityInfo | null = null;
  for (const s of vectors) {
    if (!/^CVSS_V[234]/.test(s.type)) continue;
    try {
      const score = cvss.fromVector(s.score)?.calculateScores().overall;
      if (typeof score === 'number' && Number.isFinite(score) && (!best || score > (best.score ?? 0))) {
        best = { severity: fromScore(score), cvss: `${s.score} (${score.toFixed(1)})`, score };
      }
    } catch {
      // an unreadable vector: the next source decides
    }
  }
  if (best) return best;
  const word = String(record.database_specific?.severity ?? affected?.database_specific?.severity ?? '').toUpperCase();
  const map: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };
  return { severity: map[word] ?? 'medium' };
}
