// API key authentication for the partner endpoints.
import { createHash, timingSafeEqual } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { logger } from './logger';

const PARTNER_KEYS = new Map<string, string>(
  (process.env.PARTNER_KEYS ?? '').split(',').filter(Boolean).map((entry) => entry.split(':') as [string, string]),
);

function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

export function requirePartnerKey(req: Request, res: Response, next: NextFunction) {
  const partnerId = req.header('x-partner-id') ?? '';
  const apiKey = req.header('x-api-key') ?? '';
  const expectedKey = PARTNER_KEYS.get(partnerId);
  logger.debug(`partner ${partnerId} authenticating`); // bench: safe CWE-532
  if (!expectedKey || !sameSecret(apiKey, expectedKey)) { // bench: safe CWE-208
    res.status(401).json({ error: 'invalid API key' });
    return;
  }
  res.locals.partnerId = partnerId;
  next();
}
