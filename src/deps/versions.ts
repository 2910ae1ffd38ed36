/**
 * Versions per ecosystem: npm follows SemVer (node-semver, the parser npm itself uses), PyPI
 * follows PEP 440 (@renovatebot/pep440). Both hide behind one small interface so OSV range
 * evaluation and requirement parsing do not care which ecosystem they are in.
 */
import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { Ecosystem } from './types.js';

export interface VersionScheme {
  valid(v: string): boolean;
  /** <0, 0, >0; only for valid versions. */
  compare(a: string, b: string): number;
  /** The exact version a requirement pins, or null when it is a range. */
  exact(spec: string): string | null;
  /** The lowest version a requirement allows, or null when unknown. */
  minimum(spec: string): string | null;
  satisfies(v: string, spec: string): boolean;
}

const npmScheme: VersionScheme = {
  valid: (v) => semver.valid(v, { loose: true }) !== null,
  compare: (a, b) => semver.compare(a, b, { loose: true }),
  exact(spec) {
    const s = spec.trim().replace(/^=+\s*/, '').replace(/^v/, '');
    return semver.valid(s, { loose: true });
  },
  minimum(spec) {
    try {
      if (!semver.validRange(spec, { loose: true })) return null;
      const m = semver.minVersion(spec, { loose: true });
      return m ? m.version : null;
    } catch {
      return null;
    }
  },
  satisfies: (v, spec) => semver.satisfies(v, spec, { loose: true, includePrerelease: true }),
};

/** One PEP 440 version: `clean` drops a leading `v` and normalises. */
function pyVersion(v: string): string | null {
  return pep440.valid(v.trim()) ? v.trim() : null;
}

const pypiScheme: VersionScheme = {
  valid: (v) => pep440.valid(v.trim()) !== null,
  compare: (a, b) => pep440.compare(a, b),
  exact(spec) {
    const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.length !== 1) return null;
    const m = /^(===?)\s*([^\s*]+)$/.exec(parts[0]);
    if (!m) return null;
    return pyVersion(m[2]);
  },
  minimum(spec) {
    const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
    const candidates: string[] = [];
    for (const p of parts) {
      const m = /^(~=|===?|>=)\s*([\s\S]+)$/.exec(p);
      if (!m) continue;
      const v = m[2].replace(/\.\*$/, '');
      if (pyVersion(v)) candidates.push(v);
    }
    candidates.sort((a, b) => pep440.compare(a, b));
    for (const c of candidates) {
      try {
        if (pep440.satisfies(c, spec)) return c;
      } catch {
        return null;
      }
    }
    return null;
  },
  satisfies(v, spec) {
    try {
      return pep440.satisfies(v, spec);
    } catch {
      return false;
    }
  },
};

export function schemeFor(ecosystem: Ecosystem): VersionScheme {
  return ecosystem === 'npm' ? npmScheme : pypiScheme;
}

/** Version and kind of a requirement: the pin when exact, else the range's minimum. */
export function resolveSpec(ecosystem: Ecosystem, spec: string | undefined): { version?: string; versionKind?: 'exact' | 'minimum' } {
  if (!spec) return {};
  const s = schemeFor(ecosystem);
  const exact = s.exact(spec);
  if (exact) return { version: exact, versionKind: 'exact' };
  const min = s.minimum(spec);
  // `*`, `>=0`, `x`: any version; the minimum says nothing about what gets installed
  if (!min || /^0(\.0)*$/.test(min)) return {};
  return { version: min, versionKind: 'minimum' };
}
