import jwt, { type JwtPayload } from 'jsonwebtoken';
import { SignJWT, jwtVerify } from 'jose';
import type { Request, Response, NextFunction } from 'express';

interface Claims extends JwtPayload {
  sub: string;
  role: 'admin' | 'user';
}

export function issue(userId: string, role: Claims['role']): string {
  // ruleid: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: userId, role } satisfies Partial<Claims>, 'ts-hardcoded-secret', { expiresIn: '15m' });
}

export function authenticate(req: Request, res: Response, next: NextFunction): void {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  try {
    // ruleid: javascript.jwt-hardcoded-secret
    res.locals.user = jwt.verify(token, process.env.JWT_SECRET ?? 'dev-secret') as Claims;
    next();
  } catch {
    res.status(401).end();
  }
}

export async function issueJose(userId: string): Promise<string> {
  // ruleid: javascript.jwt-hardcoded-secret
  const key: Uint8Array = new TextEncoder().encode('jose-signing-secret-value');
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

const secret: string = process.env.JWT_SECRET as string;

export function issueSafe(userId: string): string {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: userId }, secret, { expiresIn: '15m', algorithm: 'HS256' });
}

export async function verifySafe(token: string): Promise<string | undefined> {
  // ok: javascript.jwt-hardcoded-secret
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
  return payload.sub;
}

export function verifyPlaceholder(token: string): Claims {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.verify(token, '${JWT_SECRET}') as Claims;
}
