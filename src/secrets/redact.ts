/**
 * The one redaction every string leaving a scan passes: findings (message, snippet, trace
 * labels and snippets, metavariables, fixes, suppression reasons, related locations, any field
 * added later), errors, and the taint summaries a file hands to others. Reporters, the cache,
 * the MCP server, hooks and the guard only ever see its output.
 *
 * Where it runs: `Scanner` applies a document's Redaction when the document's findings are
 * finalised, before they are cached or returned; `assemble` (runner) applies the format-only
 * part to the findings no single document made (dependency checks, git history).
 *
 * What it hides:
 * - values the secrets detector found in the document (`mark`): every run of 8 or more
 *   characters of a value, so a clipped trace label (`reaches "echo ghp_...`) that keeps all but
 *   the last characters of a token is hidden too; values shorter than 8 are hidden whole;
 * - provider-format tokens anywhere, found or not (detection off, a checksum that failed, a
 *   token clipped in the text, text from another file): a known prefix followed by a random-
 *   looking run, and the bodies of PEM private keys.
 *
 * Fingerprints are keyed: HMAC-SHA256 of the value under the scan's secret key (key.ts), first
 * 16 hex digits. An unkeyed hash of a weak password is a dictionary lookup away from the value;
 * without the key a fingerprint says nothing about it, and with the same key (a baseline's)
 * it is stable across machines. The redacted form shows the first characters (never more than
 * a quarter of the value) and 8 digits of the fingerprint.
 */
import { createHmac } from 'node:crypto';
import type { Finding } from '../core/types.js';
import { PROVIDER_SPECS } from './providers/index.js';

export interface SecretMark {
  /** HMAC-SHA256 of the value under the scan's key, 16 hex digits. */
  fingerprint: string;
  /** What stands in for the value in every output. */
  redacted: string;
}

export function secretFingerprint(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
}

/** First characters (never more than a quarter of the value) and part of its fingerprint. */
export function redactedForm(value: string, fingerprint: string): string {
  const tag = `…[redacted ${fingerprint.slice(0, 8)}]`;
  if (value.startsWith('-----BEGIN')) {
    const header = /^-----BEGIN [A-Z0-9 ]{1,40}-----/.exec(value)?.[0] ?? '-----BEGIN';
    return `${header}${tag}`;
  }
  const n = value.length;
  const show = n >= 24 ? 6 : n >= 16 ? 4 : n >= 10 ? 2 : 0;
  return `${value.slice(0, show)}${tag}`;
}

/** Strings at least this long are remembered once redacted (up to MEMO_MAX of them). */
const MEMO_MIN = 512;
const MEMO_MAX = 256;

/** Runs of this many characters of a known value are hidden. */
const RUN = 8;
/** Values this short are common words and numbers: not hidden inside other text. */
const MIN_VALUE = 6;

// ---------------------------------------------------------------------------------------------
// Provider formats

/**
 * Prefixes distinctive enough to mark a token wherever they start a random-looking run: every
 * provider spec's prefix except those that are ordinary text (a space inside, three characters
 * without a separator) or that also start public data (`AAAA` begins every SSH public key).
 */
const PREFIXES: string[] = [
  ...new Set(
    PROVIDER_SPECS.flatMap((s) => s.prefixes ?? []).filter(
      (p) => p.length >= 3 && !/\s/.test(p) && (/[_\-]$/.test(p) || p.length >= 4) && p !== 'AAAA',
    ),
  ),
].sort((a, b) => b.length - a.length);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// only the prefix is a pattern (fixed strings); the body is read by hand, so no backtracking
const PREFIX_RE = new RegExp(`(?<![A-Za-z0-9])(?:${PREFIXES.map(escapeRe).join('|')})`, 'g');
const PEM_RE = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

const isBody = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 45 /* - */ || c === 43 /* + */ || c === 47 /* / */ || c === 61 /* = */ || c === 46 /* . */ || c === 36 /* $ */ || c === 126; /* ~ */

/**
 * Words: one case throughout, or camelCase (no two capitals in a row), with at most a few
 * digits at the end. Random text of 12+ characters is almost never shaped like this.
 */
function wordLike(run: string): boolean {
  let end = run.length;
  while (end > 0 && run.charCodeAt(end - 1) <= 57) end--;
  if (run.length - end > 4) return false;
  const letters = run.slice(0, end);
  if (/[0-9]/.test(letters)) return false;
  if (letters === letters.toLowerCase() || letters === letters.toUpperCase()) return true;
  return !/[A-Z][A-Z]/.test(letters);
}

/**
 * A token body: a run of 12+ letters and digits that is not shaped like words
 * (`fc-event-container`, `GatewayConfiguration`, `patternHelper2`); digits alone right after
 * the prefix count (Slack's ids), a number further on does not (`sdk-version-1700000000000`).
 */
function randomLooking(body: string): boolean {
  const runs = body.split(/[^A-Za-z0-9]/).filter(Boolean);
  return runs.some((run, i) => run.length >= 12 && (!/[^0-9]/.test(run) ? i === 0 : !wordLike(run)));
}

/** PEM bodies (base64 lines, or "\\n" escapes inside a string) after a private-key header. */
function hideKeyBodies(s: string, key: string): string {
  if (!s.includes('PRIVATE KEY')) return s;
  PEM_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let out = '';
  let cursor = 0;
  while ((m = PEM_RE.exec(s))) {
    const from = m.index + m[0].length;
    let end = from;
    for (;;) {
      const c = s[end];
      if (c === undefined) break;
      if (c === '\\' && s[end + 1] === 'n') end += 2;
      else if (/[A-Za-z0-9+/=\s]/.test(c)) end++;
      else break;
    }
    const bare = s.slice(from, end).replace(/\\n|\s/g, '');
    if (bare.length < 16) continue;
    out += `${s.slice(cursor, from)}…[redacted ${secretFingerprint(key, bare).slice(0, 8)}]`;
    cursor = end;
    PEM_RE.lastIndex = end;
  }
  return cursor === 0 ? s : out + s.slice(cursor);
}

/** Every token is a run of 15+ body characters; most text has none (a cheap first check). */
function hasLongRun(s: string): boolean {
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    if (isBody(s.charCodeAt(i))) {
      if (++run >= 15) return true;
    } else run = 0;
  }
  return false;
}

function hideFormats(s: string, key: string): string {
  if (s.length < 15 || (!hasLongRun(s) && !s.includes('PRIVATE KEY'))) return s;
  const text = hideKeyBodies(s, key);
  PREFIX_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let out = '';
  let cursor = 0;
  while ((m = PREFIX_RE.exec(text))) {
    const start = m.index;
    const from = start + m[0].length;
    let end = from;
    while (end < text.length && isBody(text.charCodeAt(end))) end++;
    // a sentence's full stop or a trailing separator is not part of a token
    while (end > from && /[.\-=/]/.test(text[end - 1])) end--;
    if (!randomLooking(text.slice(from, end))) continue;
    const token = text.slice(start, end);
    out += text.slice(cursor, start) + redactedForm(token, secretFingerprint(key, token));
    cursor = end;
    PREFIX_RE.lastIndex = end;
  }
  return cursor === 0 ? text : out + text.slice(cursor);
}

// ---------------------------------------------------------------------------------------------
// The redaction of one document (or of findings made outside documents, with no values)

interface Known {
  value: string;
  mark: SecretMark;
}

/** Keys whose strings are identifiers, not text from the document. */
const KEEP = new Set(['path', 'fingerprint', 'ruleId']);

export class Redaction {
  private known: Known[] = [];
  private byValue = new Map<string, Known>();
  /** Every RUN-character window of a known value -> the value. */
  private runs = new Map<string, Known>();
  private whole: Known[] = [];

  /**
   * Long strings already redacted: in minified code every finding quotes the same line (the
   * whole file), and scanning it again per finding made a document's redaction quadratic.
   */
  private memo = new Map<string, string>();

  constructor(readonly key: string) {}

  /** A secret found in the document: its fingerprint and redacted form; later output hides it. */
  mark(value: string): SecretMark {
    const had = this.byValue.get(value);
    if (had) return had.mark;
    const fingerprint = secretFingerprint(this.key, value);
    const k: Known = { value, mark: { fingerprint, redacted: redactedForm(value, fingerprint) } };
    this.known.push(k);
    this.memo.clear();
    this.byValue.set(value, k);
    // a key block: each line of its body on its own (the header and footer are public), also
    // when its lines are `\n` escapes inside a string (a service-account JSON file)
    const pieces = /\n|\\n/.test(value) ? value.split(/\r?\n|\\n/).map((l) => l.trim()).filter((l) => !l.startsWith('-----')) : [value];
    for (const p of pieces) {
      if (p.length >= RUN) {
        for (let i = 0; i + RUN <= p.length; i++) {
          const w = p.slice(i, i + RUN);
          if (!this.runs.has(w)) this.runs.set(w, k);
        }
      } else if (p.length >= MIN_VALUE) this.whole.push({ value: p, mark: k.mark });
    }
    return k.mark;
  }

  /** A string as it may leave the scan. */
  text(s: string): string {
    if (!s) return s;
    if (s.length < MEMO_MIN) return this.redact(s);
    let out = this.memo.get(s);
    if (out === undefined) {
      out = this.redact(s);
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(s, out);
    }
    return out;
  }

  private redact(s: string): string {
    let out = this.runs.size > 0 ? this.hideRuns(s) : s;
    for (const w of this.whole) if (out.includes(w.value)) out = out.split(w.value).join(w.mark.redacted);
    return hideFormats(out, this.key);
  }

  private hideRuns(s: string): string {
    if (s.length < RUN) return s;
    let out = '';
    let cursor = 0;
    for (let i = 0; i + RUN <= s.length; ) {
      const k = this.runs.get(s.slice(i, i + RUN));
      if (!k) {
        i++;
        continue;
      }
      // extend while the next window is also part of a known value
      let end = i + RUN;
      while (end < s.length && this.runs.has(s.slice(end - RUN + 1, end + 1))) end++;
      // from the value's first character: its redacted form; from inside it: the tag alone
      out += s.slice(cursor, i) + (k.value.startsWith(s.slice(i, i + RUN)) ? k.mark.redacted : `…[redacted ${k.mark.fingerprint.slice(0, 8)}]`);
      cursor = end;
      i = end;
    }
    return cursor === 0 ? s : out + s.slice(cursor);
  }

  /**
   * A finding as it may leave the scan. A fix whose replacement would carry a secret is not
   * offered: applied, its redacted text would overwrite the code.
   */
  finding(f: Finding): Finding {
    const out = this.value(f);
    if (out !== f && out.fix && f.fix && out.fix.edits.some((e, i) => e.replacement !== f.fix!.edits[i].replacement)) delete out.fix;
    return out;
  }

  /**
   * Any value as it may leave the scan: strings redacted, objects and arrays walked. Copies
   * on write: objects shared with rules (metadata) are never modified in place.
   */
  value<T>(x: T): T {
    if (typeof x === 'string') return this.text(x) as T;
    if (Array.isArray(x)) {
      let copy: unknown[] | null = null;
      x.forEach((v, i) => {
        const r = this.value(v);
        if (r !== v) (copy ??= [...x])[i] = r;
      });
      return (copy ?? x) as T;
    }
    if (x && typeof x === 'object') {
      let copy: Record<string, unknown> | null = null;
      for (const [k, v] of Object.entries(x)) {
        if (KEEP.has(k)) continue;
        const r = this.value(v);
        if (r !== v) (copy ??= { ...(x as Record<string, unknown>) })[k] = r;
      }
      return (copy ?? x) as T;
    }
    return x;
  }
}
