// Encrypts API tokens before they are stored.
import { createCipheriv, createDecipheriv, scryptSync } from 'crypto';

const KEY = scryptSync(process.env.VAULT_PASSPHRASE ?? '', 'vault-salt', 32);
const IV = Buffer.alloc(16, 0);

export function encryptToken(token: string): string {
  const cipher = createCipheriv('aes-256-cbc', KEY, IV); // bench: vuln CWE-329
  return Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptToken(stored: string): string {
  const decipher = createDecipheriv('aes-256-cbc', KEY, IV);
  return Buffer.concat([decipher.update(Buffer.from(stored, 'base64')), decipher.final()]).toString('utf8');
}
