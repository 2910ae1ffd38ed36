import { randomBytes, randomInt, randomUUID } from 'crypto';

interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
}

export function createSession(userId: number): Session {
  // ruleid: javascript.insecure-random-secret
  const sessionId: string = Math.random().toString(36).substring(2, 15);
  return { id: sessionId, userId, expiresAt: new Date(Date.now() + 3600_000) };
}

export class ApiKeyService {
  generateApiKey(prefix = 'sk'): string {
    // ruleid: javascript.insecure-random-secret
    return `${prefix}_${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
  }
}

export const generateVerificationCode = (): string =>
  // ruleid: javascript.insecure-random-secret
  Math.floor(Math.random() * 1_000_000).toString().padStart(6, '0');

// Cryptographic generators.
export function createSessionSafe(userId: number): Session {
  // ok: javascript.insecure-random-secret
  return { id: randomUUID(), userId, expiresAt: new Date(Date.now() + 3600_000) };
}

export function generateApiKeySafe(): string {
  // ok: javascript.insecure-random-secret
  return `sk_${randomBytes(24).toString('base64url')}`;
}

export function backoff(attempt: number): number {
  // ok: javascript.insecure-random-secret
  return Math.min(30_000, 2 ** attempt * 100) + Math.random() * 250;
}

export const generateVerificationCodeSafe = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');
