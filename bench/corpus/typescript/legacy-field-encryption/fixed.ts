// Encrypts sensitive customer fields (tax ids, IBANs) in the database.
import crypto from 'crypto';

const SECRET = process.env.FIELD_ENCRYPTION_SECRET;
if (!SECRET) throw new Error('FIELD_ENCRYPTION_SECRET is required');
const SALT = Buffer.from(process.env.FIELD_ENCRYPTION_SALT ?? '', 'hex');
const KEY = crypto.scryptSync(SECRET, SALT, 32);

export function encryptField(value: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv); // bench: safe CWE-327
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('hex');
}

export function decryptField(stored: string): string {
  const raw = Buffer.from(stored, 'hex');
  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function maskIban(iban: string): string {
  return iban.slice(0, 4) + '*'.repeat(Math.max(0, iban.length - 8)) + iban.slice(-4);
}
