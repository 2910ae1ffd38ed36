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

/**
 * `exponentialOnly`: polynomial (e.g. quadratic) backtracking does not count. `anchor`: the
 * calling API matches only at the start (Python re.match) or the whole string (re.fullmatch),
 * which recheck (search semantics) must be told by anchoring the regex.
 */
export function isVulnerableRegex(source: string, exponentialOnly = false, anchor?: 'start' | 'full'): boolean {
  // a regex given as a literal /.../flags: split it
  const lit = /^\/(.*)\/([a-z]*)$/s.exec(source);
  let [body, flags] = lit ? [lit[1], lit[2]] : [source, ''];
  // leading inline flags (Python's (?i)) become flags: JavaScript has no such syntax
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (inline) {
    flags += inline[1].replace(/[^ims]/g, '');
    body = body.slice(inline[0].length);
  }
  if (anchor) body = anchor === 'full' ? `^(?:${body})$` : `^(?:${body})`;
  const r = analyzeRegex(body, flags);
  return r.vulnerable && (!exponentialOnly || r.complexity === 'exponential');
}
