/**
 * One flaw, one finding: rules that see the same flaw from different angles (a taint rule and
 * a pattern rule on the same sink, two rules of one CWE on overlapping code) are reported once,
 * with the others attached as related findings, visible in every format.
 *
 * The merge, deliberately narrow:
 * - only rule and taint findings that are not suppressed (secrets resolve their own overlaps;
 *   a suppressed finding stays listed as such);
 * - two findings are the same flaw when they are in the same file, their spans overlap, and
 *   they share a CWE family (the table below; a CWE not in it is a family of its own);
 * - the reported one is the most severe, then a taint finding before a pattern (it proves the
 *   flow), then the most confident, then the narrower span, then the rule id; a finding joins
 *   a reported one only if it is no more severe, so severity thresholds and exit codes count
 *   exactly what they counted before;
 * - no chains: a finding joins a reported one it overlaps itself, never one it reaches through
 *   a third.
 * A related finding's automatic fix moves to the reported one when that has none.
 * Fingerprints are assigned before the merge, so each finding keeps its own (baselines and
 * change scans can match a related one too). Rule fixtures see every rule's findings
 * (`redpen test` reads related ones too), so each rule is still tested on its own.
 */
import type { Finding, RelatedFinding, Severity } from './types.js';

/** CWE ids (numbers) that name the same class of flaw. */
const FAMILIES: number[][] = [
  [77, 78, 88], // OS command and argument injection
  [79, 80, 83, 116], // cross-site scripting, output encoding
  [89, 564, 943], // SQL and query injection
  [94, 95, 96, 1336], // code and template injection
  [90], // LDAP injection
  [643], // XPath injection
  [93, 113, 117], // CRLF, header and log injection
  [22, 23, 35, 36, 73], // path traversal, external control of file names
  [434], // unrestricted upload
  [377, 379], // insecure temporary files
  [276, 281, 732], // permissions
  [261, 326, 327, 328, 329, 759, 760, 916, 1204], // weak cryptography and password hashing
  [330, 331, 338], // weak randomness
  [295, 297], // certificate and host name validation
  [287, 306, 347], // authentication, signature verification
  [284, 285, 639, 862, 863], // authorization
  [502], // deserialization of untrusted data
  [611, 776, 827], // XML external entities
  [259, 321, 522, 798], // hard-coded credentials
  [918], // server-side request forgery
  [601], // open redirect
  [400, 730, 770, 1333], // resource exhaustion, ReDoS
  [915, 1321], // prototype pollution, mass assignment
  [311, 312, 319, 614, 1004, 1275], // cleartext data, cookie flags
  [200, 209, 215, 497, 532], // information exposure
  [489], // debug code
  [352], // cross-site request forgery
  [384], // session fixation
  [208], // timing side channel
];

const FAMILY_OF = new Map<number, number[]>();
FAMILIES.forEach((f, i) => {
  for (const c of f) FAMILY_OF.set(c, [...(FAMILY_OF.get(c) ?? []), i]);
});

function families(cwe: string[]): Set<string> {
  const out = new Set<string>();
  for (const c of cwe) {
    const m = /CWE-?(\d+)/i.exec(c);
    if (!m) continue;
    const n = Number(m[1]);
    const fs = FAMILY_OF.get(n);
    if (fs) for (const f of fs) out.add(`family:${f}`);
    else out.add(`cwe:${n}`);
  }
  return out;
}

export function sameCweFamily(a: string[], b: string[]): boolean {
  const fa = families(a);
  for (const f of families(b)) if (fa.has(f)) return true;
  return false;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const CONFIDENCE_RANK: Record<string, number> = { high: 2, medium: 1, low: 0 };

function overlaps(a: Finding, b: Finding): boolean {
  if (a.location.path !== b.location.path) return false;
  const [as, ae, bs, be] = [a.location.start.offset, a.location.end.offset, b.location.start.offset, b.location.end.offset];
  if (as === bs && ae === be) return true;
  return as < be && bs < ae;
}

/** Best first: the one to report. */
function compare(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    Number(b.kind === 'taint') - Number(a.kind === 'taint') ||
    (CONFIDENCE_RANK[b.confidence] ?? 0) - (CONFIDENCE_RANK[a.confidence] ?? 0) ||
    a.location.end.offset - a.location.start.offset - (b.location.end.offset - b.location.start.offset) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.location.start.offset - b.location.start.offset
  );
}

function mergeable(f: Finding): boolean {
  return (f.kind === 'rule' || f.kind === 'taint') && !f.suppressed && f.cwe.length > 0;
}

export function asRelated(f: Finding): RelatedFinding {
  return {
    ruleId: f.ruleId,
    kind: f.kind,
    message: f.message,
    severity: f.severity,
    confidence: f.confidence,
    cwe: f.cwe,
    location: f.location,
    fingerprint: f.fingerprint,
  };
}

/**
 * The findings of one document with each flaw reported once (see the header), in the order
 * given; the others are in `related` of the one reported. Returns the same array when nothing
 * merges.
 */
export function relateFindings(findings: Finding[]): Finding[] {
  const candidates = findings.filter(mergeable);
  if (candidates.length < 2) return findings;
  const primaries: Finding[] = [];
  const joined = new Map<Finding, Finding>();
  for (const f of [...candidates].sort(compare)) {
    const home = primaries.find((p) => overlaps(p, f) && sameCweFamily(p.cwe, f.cwe) && SEVERITY_RANK[f.severity] <= SEVERITY_RANK[p.severity]);
    if (home) joined.set(f, home);
    else primaries.push(f);
  }
  if (joined.size === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const home = joined.get(f);
    if (!home) {
      out.push(f);
      continue;
    }
    (home.related ??= []).push(asRelated(f));
    // an automatic fix of the same flaw stays on offer
    if (!home.fix && f.fix) home.fix = f.fix;
  }
  for (const p of primaries) p.related?.sort((a, b) => a.location.start.offset - b.location.start.offset || a.ruleId.localeCompare(b.ruleId));
  return out;
}

/** Every fingerprint a finding stands for: its own and its related findings'. */
export function fingerprintsOf(f: Finding): string[] {
  return [f.fingerprint, ...(f.related ?? []).map((r) => r.fingerprint)];
}
