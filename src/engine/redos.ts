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
  /** The analysis ran out of time or failed (counted as not vulnerable: no finding without evidence). */
  unknown?: boolean;
}

/** `timeoutMs`: the rules' analysis stays quick (500 ms); redpen's own tests allow it longer. */
export function analyzeRegex(source: string, flags = '', timeoutMs = 500): RedosResult {
  const key = `${timeoutMs}:${flags}/${source}`;
  let r = cache.get(key);
  if (r) return r;
  if (!mayBacktrack(source)) {
    cache.set(key, (r = { vulnerable: false }));
    return r;
  }
  try {
    checkSync ??= (require('recheck') as typeof import('recheck')).checkSync;
    const d = checkSync(source, flags.replace(/[^dgimsuyv]/g, ''), { timeout: timeoutMs });
    if (d.status === 'vulnerable') {
      r = { vulnerable: true, complexity: d.complexity.type, attack: d.attack?.pattern };
    } else r = d.status === 'unknown' ? { vulnerable: false, unknown: true } : { vulnerable: false };
  } catch {
    r = { vulnerable: false, unknown: true };
  }
  cache.set(key, r);
  return r;
}

/**
 * Super-linear backtracking needs a quantifier without an upper bound (`*`, `+`, `{n,}`): with
 * only bounded repetition every start position costs at most a constant. Most regexes in real
 * code are of that kind, and answering them here saves recheck's round trip to its worker.
 */
export function mayBacktrack(source: string): boolean {
  return /[*+]|\{\d*,\}/.test(bare(source));
}

/**
 * The regex with escapes and character classes each reduced to one plain character. Classes
 * are found by a forward scan: a regex over the class syntax rescanned to the end from every
 * unclosed `[` (quadratic on the regex literals of the code being scanned).
 */
function bare(source: string): string {
  const s = source.replace(/\\[\s\S]/g, 'x');
  let out = '';
  let i = 0;
  for (;;) {
    const open = s.indexOf('[', i);
    const close = open < 0 ? -1 : s.indexOf(']', open + 1);
    if (close < 0) break;
    out += `${s.slice(i, open)}x`;
    i = close + 1;
  }
  return out + s.slice(i);
}

/**
 * Exponential backtracking needs a repeated part that can match the same text in more than one
 * way, so some group under an unbounded quantifier holds an alternation or a quantifier of its
 * own (`(a+)+`, `(a|ab)*`). A regex without one is answered here (recheck can take seconds on
 * a large, merely polynomial one). Unbalanced groups (a verbose regex's comments) fall back to
 * the analysis.
 */
export function mayBacktrackExponentially(source: string): boolean {
  const b = bare(source).replace(/\(\?(?:P?<[A-Za-z_]\w*>|<[=!]|[:=!>]|[a-zA-Z]+:)/g, '(');
  const open: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === '(') open.push(i);
    else if (b[i] === ')') {
      const start = open.pop();
      if (start === undefined) return true;
      const next = b.slice(i + 1);
      if (/^(?:[*+]|\{\d*,\})/.test(next) && /[|*+?{]/.test(b.slice(start + 1, i))) return true;
    }
  }
  return open.length > 0;
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
  if (exponentialOnly && !mayBacktrackExponentially(body)) return false;
  if (anchor) body = anchor === 'full' ? `^(?:${body})$` : `^(?:${body})`;
  const r = analyzeRegex(body, flags);
  return r.vulnerable && (!exponentialOnly || r.complexity === 'exponential');
}
