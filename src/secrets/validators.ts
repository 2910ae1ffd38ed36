/**
 * Structure checks for secret formats that have one: checksums (GitHub and npm tokens'
 * CRC32, PGP armour's CRC24, bech32 for age keys), decodings (JWT headers, DER private keys,
 * PyPI macaroons, base64 payloads) and plain statistics (entropy, character classes).
 * Each check is pure and never throws: a malformed value is simply not valid.
 */
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: 30 random base62 characters
 * after the 4-character prefix, then the CRC32 of those 30 characters in 6 base62 digits.
 */
export function crc32Base62Valid(token: string, prefixLength = 4): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  return base62(crc32(random) >>> 0, 6) === body.slice(30);
}

/** Make a token with a valid checksum (for tests and the benchmark corpus). */
export function withCrc32Base62(prefix: string, random30: string): string {
  return prefix + random30 + base62(crc32(random30) >>> 0, 6);
}

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Number of character classes present: lower, upper, digit, other. */
export function charClasses(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

export function decodeBase64(s: string): Buffer | null {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean) || clean.length < 4) return null;
  try {
    return Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  } catch {
    return null;
  }
}

function decodeJsonSegment(seg: string): Record<string, unknown> | null {
  const buf = decodeBase64(seg);
  if (!buf) return null;
  try {
    const v = JSON.parse(buf.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A JWT: its header decodes to JSON naming an algorithm, and its payload decodes to JSON. */
export function jwtParts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodeJsonSegment(parts[0]);
  if (!header || typeof header.alg !== 'string') return null;
  const payload = decodeJsonSegment(parts[1]);
  if (!payload) return null;
  return { header, payload };
}

/** DER: a SEQUENCE whose declared length matches the data (allowing trailing padding). */
export function derSequence(buf: Buffer): boolean {
  if (buf.length < 16 || buf[0] !== 0x30) return false;
  let len = buf[1];
  let off = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || buf.length < 2 + n) return false;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i];
    off = 2 + n;
  }
  return off + len <= buf.length && off + len >= buf.length - 16;
}

/** CRC-24 of OpenPGP armour (RFC 4880 section 6.1). */
export function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const b of data) {
    crc ^= b << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i];
  }
  return chk >>> 0;
}

/** bech32 checksum (BIP 173), used by age secret keys. */
export function bech32Valid(s: string): boolean {
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return false;
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(ch);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  return bech32Polymod([...expanded, ...data]) === 1;
}

/** Make a bech32 string with a valid checksum (tests and the benchmark corpus). */
export function bech32Encode(hrp: string, data5: number[]): string {
  const h = hrp.toLowerCase();
  const expanded = [...[...h].map((c) => c.charCodeAt(0) >> 5), 0, ...[...h].map((c) => c.charCodeAt(0) & 31)];
  const mod = bech32Polymod([...expanded, ...data5, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${h}1${[...data5, ...checksum].map((v) => BECH32[v]).join('')}`;
}

/** PyPI API tokens are macaroons: version 2, location pypi.org (or test.pypi.org). */
export function pypiMacaroonValid(token: string): boolean {
  const buf = decodeBase64(token.slice('pypi-'.length));
  if (!buf || buf.length < 20 || buf[0] !== 0x02) return false;
  return buf.subarray(0, 32).toString('latin1').includes('pypi.org');
}

/** Base64 that decodes to text starting with `prefix`. */
export function base64StartsWith(s: string, prefix: string): boolean {
  const buf = decodeBase64(s);
  return buf !== null && buf.subarray(0, prefix.length).toString('latin1') === prefix;
}

/** AWS access key ids carry the account in base32 after the 4-character prefix. */
export function awsKeyIdValid(id: string): boolean {
  return /^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(id) && !id.endsWith('EXAMPLE');
}

/** True when the string is one character class repeated or a run like abcdef/123456. */
export function trivial(s: string): boolean {
  if (s.length === 0) return true;
  if (new Set(s).size <= Math.min(8, Math.max(2, Math.floor(s.length / 8)))) return true;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1) {
      if (++run >= 6) return true;
    } else run = 1;
  }
  return false;
}
