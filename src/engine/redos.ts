/**
 * ReDoS analysis for `metavariable-analysis: { analyzer: redos }`: a real backtracking check of
 * the regex (recheck: automata-based analysis with attack-string search), not a guess from its
 * length. Results are cached per regex; an analysis that runs out of time counts as not
 * vulnerable (no finding without evidence).
 */
import { createRequire } from 'node:module';

// recheck is large: load it on the first regex analysed, not with the scanner
const require = createRequire(import.meta.url);
let checkSync: typeof import('recheck').checkSync | null = null;

const cache = new Map<string, RedosResult>();

export interface RedosResult {
  vulnerable: boolean;
  /** 'exponential' | 'polynomial' when vulnerable. */
  complexity?: string;
  /** An input that makes the regex backtrack, when found. */
  attack?: string;
}

export function analyzeRegex(source: string, flags = ''): RedosResult {
  const key = `${flags}/${source}`;
  let r = cache.get(key);
  if (r) return r;
  try {
    checkSync ??= (require('recheck') as typeof import('recheck')).checkSync;
    const d = checkSync(source, flags.replace(/[^dgimsuyv]/g, ''), { timeout: 2000 });
    if (d.status === 'vulnerable') {
      r = { vulnerable: true, complexity: d.complexity.type, attack: d.attack?.pattern };
    } else r = { vulnerable: false };
  } catch {
    r = { vulnerable: false };
  }
  cache.set(key, r);
  return r;
}

export function isVulnerableRegex(source: string, complexity: 'polynomial' | 'exponential' = 'polynomial'): boolean {
  // a regex given as a literal /.../flags: split it
  const lit = /^\/(.*)\/([a-z]*)$/s.exec(source);
  const r = lit ? analyzeRegex(lit[1], lit[2]) : analyzeRegex(source);
  return r.vulnerable && (complexity === 'polynomial' || r.complexity === 'exponential');
}
