import { createHmac, timingSafeEqual } from 'crypto';
import type { Request, Response, NextFunction } from 'express';

const SIGNING_SECRET = process.env.SLACK_SIGNING_SECRET as string;

export function verifySlackRequest(req: Request & { rawBody: Buffer }, res: Response, next: NextFunction): void {
  const timestamp = req.header('x-slack-request-timestamp') ?? '';
  const received = req.header('x-slack-signature') ?? '';
  const computedSignature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${req.rawBody}`).digest('hex');
  // ruleid: javascript.timing-unsafe-secret-comparison
  if (computedSignature !== received) {
    res.status(401).send('bad signature');
    return;
  }
  next();
}

export function isAdmin(req: Request): boolean {
  const token = req.header('x-admin-token');
  // ruleid: javascript.timing-unsafe-secret-comparison
  return token !== undefined && process.env.ADMIN_TOKEN === req.header('x-admin-token');
}

export function checkClientSecret(clientSecret: string, stored: { client_secret: string }): boolean {
  // ruleid: javascript.timing-unsafe-secret-comparison
  return stored.client_secret === clientSecret;
}

export function verifySlackRequestSafe(received: string, computed: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(computed);
  // ok: javascript.timing-unsafe-secret-comparison
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hasSignature(req: Request): boolean {
  const signature = req.header('x-signature');
  // ok: javascript.timing-unsafe-secret-comparison
  return signature !== undefined && signature !== '';
}

export function sameUser(a: { apiKeyId: string }, b: { apiKeyId: string }): boolean {
  // ok: javascript.timing-unsafe-secret-comparison
  return a.apiKeyId === b.apiKeyId;
}
