/**
 * Secrets without a format of their own: a literal that a name or parameter says is a
 * password, token or key. Context comes from the syntax tree for Python, JavaScript and
 * TypeScript (assignments, dict keys, keyword arguments, object properties, parameter
 * defaults, environment-variable defaults, credential parameters of clients) and from
 * `key = value` shapes everywhere else (.env, YAML, JSON, TOML, INI, shell, Dockerfile,
 * notebook outputs, other languages). The value must then look like a secret: not a
 * placeholder or reference, and random enough for what the name promises.
 */
import type { Confidence } from '../core/types.js';
import { classifyName, type NameClass, type SecretKind } from './names.js';
import { isHashLike, isIntegrityOrData, isPlaceholder, isReference, isUuid } from './placeholders.js';
import type { RawSecret, SecretSpec } from './types.js';
import { charClasses, decodeBase64, shannonEntropy } from './validators.js';

export const GENERIC_PASSWORD: SecretSpec = {
  id: 'generic-password',
  name: 'Hard-coded password',
  family: 'generic',
  keywords: [],
  severity: 'high',
  confidence: 'medium',
};

export const GENERIC_SECRET: SecretSpec = {
  id: 'generic-secret',
  name: 'Hard-coded secret (token or key)',
  family: 'generic',
  keywords: [],
  severity: 'high',
  confidence: 'medium',
};

/** Keywords that put a line (or string literal) up for generic key=value analysis. */
export const GENERIC_KEYWORDS = ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'cred', 'bearer'];

// letters in words joined by one or two separators; each word is `[A-Za-z]+` and a separator is
// required between repetitions, so a string splits one way only (`[a-z]*(?:[A-Za-z][a-z]*)*`
// backtracked exponentially on a long run of letters that did not end the string)
const IDENTIFIER_LIKE = /^_{0,4}[A-Za-z]+(?:[_.\-/ ]{1,2}[A-Za-z]+)*_{0,4}$/;
const SECRET_WORD_IN_VALUE = /pass|secret|token|key|auth|cred|pwd/i;

/** Whether `value` is believable as the secret `cls` names; the confidence when it is. */
export function judge(value: string, cls: NameClass): Confidence | null {
  const v = value;
  // a Google app password (SMTP, IMAP) is typed as four groups of four letters
  if (cls.kind === 'password' && /^[a-z]{4}(?: [a-z]{4}){3}$/.test(v) && !isPlaceholder(v) && shannonEntropy(v.replace(/ /g, '')) >= 3) return 'medium';
  if (v.length < 6 || v.length > 500 || /\s/.test(v)) return null;
  if (isPlaceholder(v) || isReference(v) || isIntegrityOrData(v)) return null;
  // names of things rather than values: "user_password", "authToken", "api-key"
  if (IDENTIFIER_LIKE.test(v) && SECRET_WORD_IN_VALUE.test(v)) return null;
  const h = shannonEntropy(v);
  const classes = charClasses(v);
  if (cls.kind === 'password') {
    if (IDENTIFIER_LIKE.test(v) && v.length < 8) return null;
    // camelCase, snake_case, kebab-case and dotted words are identifiers, not passwords
    if (/^[a-z]+(?:[A-Z][a-z0-9]*)+$|^[a-z]+(?:[_.\-][a-z0-9]+)+$/.test(v)) return null;
    if (!cls.strong && (IDENTIFIER_LIKE.test(v) || !/[0-9]/.test(v) || !/[A-Za-z]/.test(v))) return null;
    return h >= 3 && classes >= 2 ? 'medium' : 'low';
  }
  if (/^(true|false|none|null|yes|no|on|off|\d+(\.\d+)?)$/i.test(v)) return null;
  // regular expressions, format strings, code: not what a token or key is made of
  if (/\(\?[:=!<]|\[\^|\\[sdwbSDWB]|\{\d+,\d*\}|\[[A-Za-z0-9]-[A-Za-z0-9]/.test(v)) return null;
  if (!cls.strong && /[()[\]{}\\^$|<>]/.test(v)) return null;
  if (IDENTIFIER_LIKE.test(v)) return null; // words: a label, a mode, a name
  if (/^[\w.+-]+@[\w-]+\.[\w.]+$/.test(v)) return null; // an e-mail address
  if (/^\d[\d.:/-]*$/.test(v)) return null; // numbers, dates, versions
  if (cls.strong) {
    if (v.length < 12) return null;
    const hex = /^[0-9a-f]+$/i.test(v);
    if (hex ? h < 2.8 : h < 3 || (classes < 2 && v.length < 20)) return null;
  } else {
    if (v.length < 20 || isUuid(v) || isHashLike(v)) return null;
    if (h < 3.5 || classes < 2) return null;
    // words of one case joined by separators: a cache key, a path or a resource name
    // (`user:profile:settings`), which a bare `key` holds more often than a secret
    if (/^(?:[a-z]+|[A-Z]+)(?:[:/._\-]+(?:[a-z]+|[A-Z]+))+$/.test(v)) return null;
  }
  return h >= 4 && v.length >= 20 ? 'high' : 'medium';
}

export interface ValueSite {
  /** Span of the value in the document. */
  start: number;
  end: number;
  value: string;
}

/**
 * Judge a value at a site with a name; credential headers ("Bearer x", "Basic b64") are
 * unwrapped first. Returns the raw secret, or null.
 */
export function genericSecret(site: ValueSite, name: string, how: string, forced?: NameClass): RawSecret | null {
  const cls = forced ?? classifyName(name);
  if (!cls) return null;
  let { start, value } = site;
  const scheme = /^(bearer|token|basic|bot|apikey|api-key)\s{1,3}/i.exec(value);
  if (scheme) {
    start += scheme[0].length;
    value = value.slice(scheme[0].length);
    if (scheme[1].toLowerCase() === 'basic') {
      const decoded = decodeBase64(value)?.toString('utf8') ?? '';
      const colon = decoded.indexOf(':');
      if (colon < 1 || isPlaceholder(decoded.slice(colon + 1)) || !/^[\x20-\x7e]+$/.test(decoded)) return null;
      return { spec: GENERIC_PASSWORD, start, end: start + value.length, value, context: `HTTP Basic credentials ${how}`, priority: 1, confidence: 'high' };
    }
    if (cls.kind === 'credential' || cls.kind === 'key') return judgeInto({ start, end: start + value.length, value }, { kind: 'token', strong: true }, how);
  }
  return judgeInto({ start, end: start + value.length, value }, cls, how);
}

function judgeInto(site: ValueSite, cls: NameClass, how: string): RawSecret | null {
  const confidence = judge(site.value, cls);
  if (!confidence) return null;
  return {
    spec: cls.kind === 'password' ? GENERIC_PASSWORD : GENERIC_SECRET,
    start: site.start,
    end: site.end,
    value: site.value,
    context: how,
    confidence,
    priority: 1,
  };
}

export function kindWord(kind: SecretKind): string {
  return kind === 'credential' ? 'credential' : kind;
}

/* ---------------------------------------------------------------- key = value text ---- */

/**
 * `name <sep> value` in config, shell, other languages and printed output. Bounded pieces
 * only: a name of at most 64 characters, a value of at most 400, on one line.
 */
const KV = /(?<![A-Za-z0-9_])(["']?)([A-Za-z_@$][A-Za-z0-9_.\-]{0,63})\1\]?\s{0,4}(?::=|=>|==|=|:)\s{0,4}(?:"([^"\r\n]{1,400})"|'([^'\r\n]{1,400})'|`([^`\r\n]{1,400})`|([^\s"'`,;<>(){}[\]]{1,400}))/dg;
const DOCKER_ENV = /^\s{0,16}(?:ENV|ARG)\s{1,8}([A-Za-z_][A-Za-z0-9_]{0,63})\s{1,8}(["']?)([^\s"'=][^\s"']{0,399})\2\s{0,8}$/d;
const CLI_FLAG = /(?<![A-Za-z0-9_-])--([A-Za-z][A-Za-z0-9\-]{1,40})\s{1,4}(["']?)([^\s"'\-][^\s"']{0,199})\2/dg;
const XML = /<([A-Za-z_][\w.\-]{0,40})>([^<\r\n]{1,300})<\/\1>/dg;
const AUTH_HEADER = /(?<![A-Za-z0-9_-])(authorization|x-api-key|x-auth-token|api-key|apikey|x-access-token)["']?\s{0,3}[:=,]\s{0,3}["']?((?:bearer|basic|token|bot)\s{1,3}[A-Za-z0-9._~+/\-]{8,1000}={0,2}|[A-Za-z0-9._~+/\-]{16,1000}={0,2})/dgi;

/** The line patterns above, for the linear-time lint in the tests. */
export const LINE_PATTERNS: readonly RegExp[] = [KV, DOCKER_ENV, CLI_FLAG, XML, AUTH_HEADER];

/** Files where an unquoted value is a value (config), not a variable (code). */
const CONFIG_FILE = /(^|\/)(\.env[^/]*|[^/]*\.(env|ya?ml|toml|ini|cfg|conf|config|properties|props|json|jsonc|json5|sh|bash|zsh|ksh|fish|ps1|bat|cmd|txt|md|markdown|ipynb|tf|tfvars|hcl|plist|xml|service|npmrc|pypirc|netrc|pgpass|htaccess|envrc|sql|log|out|csv|tsv)|Dockerfile[^/]*|Containerfile|\.npmrc|\.pypirc|\.netrc|\.pgpass|\.envrc|\.git-credentials|credentials|config|Makefile|Procfile|[^/.]+)$/i;

export function unquotedAllowed(path: string): boolean {
  return CONFIG_FILE.test(path);
}

/**
 * Generic secrets on the lines of `text` within [from, to) that contain one of the
 * keyword positions in `hits` (sorted). `allowUnquoted` for config-like content.
 */
export function textGeneric(text: string, hits: number[], allowUnquoted: boolean, from = 0, to = text.length): RawSecret[] {
  const out: RawSecret[] = [];
  let lastLine = -1;
  for (const h of hits) {
    if (h < from || h >= to) continue;
    let ls = text.lastIndexOf('\n', h - 1) + 1;
    if (ls <= lastLine) continue;
    let le = text.indexOf('\n', h);
    if (le === -1) le = text.length;
    lastLine = ls;
    ls = Math.max(ls, from);
    le = Math.min(le, to);
    // minified code and data lines: nothing here is a hand-written assignment
    if (le - ls > 4000) continue;
    // escapes inside string literals and JSON (`a=1\nb=2`) separate like the whitespace they stand for
    scanLine(text.slice(ls, le).replace(/\\[nrt]/g, '  '), ls, allowUnquoted, out);
  }
  return out;
}

function scanLine(line: string, base: number, allowUnquoted: boolean, out: RawSecret[]): void {
  const push = (name: string, vStart: number, value: string, how: string) => {
    // "public key: ...", "publishable_key = ...": a name qualified as public
    const at = line.lastIndexOf(name, vStart);
    if (at > 0 && /public[\s_-]{0,2}$|publishable[\s_-]{0,2}$/i.test(line.slice(Math.max(0, at - 14), at))) return;
    const r = genericSecret({ start: base + vStart, end: base + vStart + value.length, value }, name, how);
    if (r) out.push(r);
  };
  AUTH_HEADER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH_HEADER.exec(line))) push(m[1], m.indices![2]![0], m[2], `in a \`${m[1]}\` header`);
  KV.lastIndex = 0;
  while ((m = KV.exec(line))) {
    const name = m[2];
    const g = m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : m[5] !== undefined ? 5 : 6;
    if (g === 6 && !allowUnquoted) continue;
    // cut short by a template interpolation: `token=abc${x}`
    if (g === 6 && (line[m.indices![6]![1]] === '{' || m[6].endsWith('$'))) continue;
    if (/^(authorization|x-api-key|x-auth-token|api-key|apikey|x-access-token)$/i.test(name)) continue;
    push(name, m.indices![g]![0], m[g], `assigned to \`${name.replace(/^[@$]/, '')}\``);
  }
  const d = DOCKER_ENV.exec(line);
  if (d) push(d[1], d.indices![3]![0], d[3], `set as \`${d[1]}\` in the image`);
  CLI_FLAG.lastIndex = 0;
  while ((m = CLI_FLAG.exec(line))) push(m[1], m.indices![3]![0], m[3], `passed as \`--${m[1]}\``);
  XML.lastIndex = 0;
  while ((m = XML.exec(line))) push(m[1], m.indices![2]![0], m[2], `in \`<${m[1]}>\``);
}
