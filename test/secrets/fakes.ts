/**
 * Structurally valid fake credentials for tests: right prefix, length, alphabet and checksum,
 * made from a seeded generator so they are stable and belong to no account anywhere.
 */
import { generateKeyPairSync } from 'node:crypto';
import { bech32Encode, crc24, withCrc32Base62 } from '../../src/secrets/validators.js';

let seed = 0x2545f491;
export function reseed(n: number): void {
  seed = n >>> 0 || 1;
}
function rnd(): number {
  // xorshift32
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEXS = '0123456789abcdef';
export const B64 = `${ALNUM}+/`;
export const URLSAFE = `${ALNUM}_-`;

export function rand(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

export const hex = (n: number) => rand(n, HEXS);
export const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
export const b64url = (s: string) => Buffer.from(s).toString('base64url');

export function githubToken(prefix = 'ghp_'): string {
  return withCrc32Base62(prefix, rand(30));
}

export function jwt(payload: Record<string, unknown> = { sub: '1234567890', name: 'Test User', iat: 1716239022 }): string {
  return `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${rand(43, URLSAFE)}`;
}

export function pypiToken(): string {
  const mac = Buffer.concat([Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'), Buffer.from([0x02, 0x25]), Buffer.from(rand(60))]);
  return `pypi-${mac.toString('base64url')}`;
}

export function ageKey(): string {
  const data = Array.from({ length: 52 }, () => Math.floor(rnd() * 32));
  return bech32Encode('AGE-SECRET-KEY-', data).toUpperCase();
}

let rsaPem: string | null = null;
export function rsaKey(): string {
  rsaPem ??= generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return rsaPem;
}

export function ecKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
}

export function opensshKey(): string {
  const body = Buffer.concat([Buffer.from('openssh-key-v1\u0000'), Buffer.from(rand(200))]).toString('base64');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.match(/.{1,70}/g)!.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

export function pgpKey(): string {
  const data = Buffer.from(rand(180));
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(crc24(data), 0, 3);
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${data.toString('base64').match(/.{1,64}/g)!.join('\n')}\n=${crc.toString('base64')}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
}

export function awsSecret(): string {
  return rand(40, B64);
}
