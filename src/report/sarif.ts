/**
 * SARIF 2.1.0 for code scanning dashboards (GitHub, Azure DevOps, IDE viewers).
 * Validated against the official schema in the tests. Carries rule help, CWE tags in
 * CodeQL's `external/cwe/cwe-089` form and as `properties.cwe`, `security-severity`,
 * `precision`, partial fingerprints stable across line shifts, code flows for taint traces,
 * fixes, and suppressions (suppressed findings are listed, not dropped).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { sarifLevel, securitySeverity } from '../core/severity.js';
import type { Finding, Location, RuleInfo, ScanResult } from '../core/types.js';
import { uncheckedLine } from './text.js';
import type { Reporter, ReportOptions } from './types.js';

const FINGERPRINT_KEY = 'redpen/v1';

export function cweTag(cwe: string): string | null {
  const m = /CWE-?(\d+)/i.exec(cwe);
  return m ? `external/cwe/cwe-${m[1].padStart(3, '0')}` : null;
}

function precision(confidence: string | undefined): 'very-high' | 'high' | 'medium' | 'low' {
  if (confidence === 'high') return 'high';
  if (confidence === 'low') return 'low';
  return 'medium';
}

function uri(p: string): { uri: string; uriBaseId?: string } {
  if (p === '-' || p === '<stdin>') return { uri: 'stdin' };
  if (path.isAbsolute(p)) return { uri: pathToFileURL(p).href };
  return { uri: p.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(loc: Location, snippet?: string): Sarif.Region {
  const r: Sarif.Region = {
    startLine: loc.start.line,
    startColumn: loc.start.column,
    endLine: loc.end.line,
    endColumn: loc.end.column,
  };
  if (snippet) r.snippet = { text: snippet };
  return r;
}

function physical(loc: Location, snippet?: string): Sarif.PhysicalLocation {
  return { artifactLocation: uri(loc.path), region: region(loc, snippet) };
}

function cwesOf(r: RuleInfo): string[] {
  const out: string[] = [];
  for (const c of (r.metadata.cwe as string[] | undefined) ?? []) {
    const m = /CWE-?(\d+)/i.exec(c);
    if (m) out.push(`CWE-${m[1]}`);
  }
  return [...new Set(out)];
}

function ruleDescriptor(r: RuleInfo): Sarif.ReportingDescriptor {
  const cwes = cwesOf(r);
  const tags = ['security', ...cwes.map(cweTag).filter((t): t is string => t !== null)];
  const category = r.metadata.category;
  if (typeof category === 'string' && category !== 'security') tags.push(category);
  const refs = (r.metadata.references as string[] | undefined) ?? [];
  const markdown = `${r.help.split('\n\nReferences:')[0]}${refs.length ? `\n\n**References**\n${refs.map((x) => `- <${x}>`).join('\n')}` : ''}${cwes.length ? `\n\n${cwes.join(', ')}` : ''}`;
  const d: Sarif.ReportingDescriptor = {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.shortDescription },
    fullDescription: { text: r.help.split('\n\nReferences:')[0] },
    help: { text: r.help, markdown },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: {
      tags,
      precision: precision(r.metadata.confidence as string | undefined),
      'security-severity': securitySeverity(r.severity),
      cwe: cwes,
      owasp: (r.metadata.owasp as string[] | undefined) ?? [],
      severity: r.severity,
    },
  };
  if (r.helpUri && /^https?:\/\//.test(r.helpUri)) d.helpUri = r.helpUri;
  return d;
}

/** Rules that produced findings but are not in the catalogue (secrets, dependencies). */
function syntheticRule(f: Finding): RuleInfo {
  return {
    id: f.ruleId,
    name: f.ruleId.split('.').pop() ?? f.ruleId,
    shortDescription: f.message.split(/(?<=[.!?])\s/)[0].slice(0, 200),
    help: f.message,
    severity: f.severity,
    languages: [],
    metadata: f.metadata,
  };
}

function result(f: Finding, ruleIndex: number): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f.location, f.snippet) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      kind: f.kind,
      cwe: f.cwe,
      'security-severity': securitySeverity(f.severity),
      ...(f.location.cell !== undefined ? { notebookCell: f.location.cell, notebookCellLine: f.location.cellLine } : {}),
      ...(f.secret ? { secret: { detector: f.secret.detector, redacted: f.secret.redacted, fingerprint: f.secret.fingerprint, validated: f.secret.validated } } : {}),
      ...(f.dependency ? { dependency: f.dependency } : {}),
      ...(f.dynamic ? { dynamic: f.dynamic } : {}),
    },
  };
  if (f.related && f.related.length > 0) {
    // the same flaw as other rules report it (core/related.ts)
    r.relatedLocations = f.related.map((x, i) => ({
      id: i + 1,
      physicalLocation: physical(x.location),
      message: { text: `Also reported by ${x.ruleId} (${x.severity}${x.cwe.length ? `, ${x.cwe.join(', ')}` : ''}): ${x.message}` },
      properties: { ruleId: x.ruleId, kind: x.kind, severity: x.severity, confidence: x.confidence, cwe: x.cwe, fingerprint: x.fingerprint },
    }));
  }
  if (f.trace && f.trace.length > 0) {
    r.codeFlows = [
      {
        threadFlows: [
          {
            locations: f.trace.map((s) => ({
              location: { physicalLocation: physical(s.location, s.snippet), message: { text: s.message } },
              kinds: [s.kind],
            })),
          },
        ],
      },
    ];
  }
  if (f.fix) {
    const byFile = new Map<string, Sarif.Replacement[]>();
    for (const e of f.fix.edits) {
      const list = byFile.get(e.location.path) ?? [];
      list.push({ deletedRegion: region(e.location), insertedContent: { text: e.replacement } });
      byFile.set(e.location.path, list);
    }
    r.fixes = [
      {
        description: { text: f.fix.description },
        artifactChanges: [...byFile].map(([p, replacements]) => ({ artifactLocation: uri(p), replacements })),
      },
    ];
  }
  if (f.suppressed) {
    const s: Sarif.Suppression = { kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external' };
    if (f.suppressed.reason) s.justification = f.suppressed.reason;
    if (f.suppressed.location) s.location = { physicalLocation: physical(f.suppressed.location) };
    r.suppressions = [s];
  }
  return r;
}

export function toSarif(res: ScanResult, o: ReportOptions): Sarif.Log {
  const catalogue = new Map<string, RuleInfo>(res.rules.map((r) => [r.id, r]));
  for (const f of [...res.findings, ...res.suppressed]) if (!catalogue.has(f.ruleId)) catalogue.set(f.ruleId, syntheticRule(f));
  const rules = [...catalogue.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const cwd = o.cwd ?? process.cwd();
  const notifications: Sarif.Notification[] = res.errors.map((e) => ({
    level: e.level === 'error' ? 'error' : 'warning',
    message: { text: `${e.kind}: ${e.message}` },
    locations: [{ physicalLocation: e.location ? physical(e.location) : { artifactLocation: uri(e.path) } }],
    ...(e.ruleId ? { associatedRule: { id: e.ruleId } } : {}),
  }));
  // a check that did not run is no clean result: dashboards show it beside the results
  for (const u of res.unchecked ?? []) {
    notifications.push({ level: 'warning', message: { text: uncheckedLine(u) }, descriptor: { id: `redpen/unchecked/${u.check}` } });
  }
  const properties: Record<string, unknown> = {};
  if (res.config) properties.configuration = res.config;
  if (res.stats.skipped && Object.keys(res.stats.skipped).length) properties.skipped = res.stats.skipped;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'redpen',
            version: o.version,
            semanticVersion: o.version,
            informationUri: 'https://github.com/redpen-dev/redpen',
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !res.errors.some((e) => e.level === 'error' && e.kind === 'internal'),
            toolExecutionNotifications: notifications,
            ...(Object.keys(properties).length ? { properties } : {}),
          },
        ],
        results: [...res.findings, ...res.suppressed].map((f) => result(f, index.get(f.ruleId)!)),
      },
    ],
  };
}

export const sarifReporter: Reporter = {
  format: 'sarif',
  extension: 'sarif',
  render(res, o) {
    return `${JSON.stringify(toSarif(res, o), null, 2)}\n`;
  },
};
