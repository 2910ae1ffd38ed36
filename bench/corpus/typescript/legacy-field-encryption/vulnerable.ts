// Encrypts sensitive customer fields (tax ids, IBANs) in the database.
import crypto from 'crypto';

const SECRET = process.env.FIELD_ENCRYPTION_SECRET;
if (!SECRET) throw new Error('FIELD_ENCRYPTION_SECRET is required');

export function encryptField(value: string): string {
  const cipher = crypto.createCipher('aes-256-cbc', SECRET); // bench: vuln CWE-327
  return cipher.update(value, 'utf8', 'hex') + cipher.final('hex');
}

export function decryptField(stored: string): string {
  const decipher = crypto.createDecipher('aes-256-cbc', SECRET);
  return decipher.update(stored, 'hex', 'utf8') + decipher.final('utf8');
}

export function maskIban(iban: string): string {
  return iban.slice(0, 4) + '*'.repeat(Math.max(0, iban.length - 8)) + iban.slice(-4);
}
