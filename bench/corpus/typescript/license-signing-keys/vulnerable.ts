// Issues signed license files for the desktop app.
import { generateKeyPairSync, createSign, createVerify } from 'crypto';
import { writeFileSync, existsSync, readFileSync } from 'fs';

const PRIVATE_KEY_FILE = 'keys/license-private.pem';
const PUBLIC_KEY_FILE = 'keys/license-public.pem';

export function ensureKeys(): void {
  if (existsSync(PRIVATE_KEY_FILE)) return;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024, // bench: vuln CWE-326
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(PRIVATE_KEY_FILE, privateKey, { mode: 0o600 });
  writeFileSync(PUBLIC_KEY_FILE, publicKey);
}

export interface License {
  customer: string;
  seats: number;
  expires: string;
}

export function signLicense(license: License): string {
  const body = JSON.stringify(license);
  const signer = createSign('sha256');
  signer.update(body);
  const signature = signer.sign(readFileSync(PRIVATE_KEY_FILE, 'utf8'), 'base64');
  return Buffer.from(JSON.stringify({ body, signature })).toString('base64');
}

export function verifyLicense(file: string): License | null {
  const { body, signature } = JSON.parse(Buffer.from(file, 'base64').toString('utf8'));
  const verifier = createVerify('sha256');
  verifier.update(body);
  return verifier.verify(readFileSync(PUBLIC_KEY_FILE, 'utf8'), signature, 'base64') ? JSON.parse(body) : null;
}
