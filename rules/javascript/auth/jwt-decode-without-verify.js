const express = require('express');
const jwt = require('jsonwebtoken');
const { decodeJwt, jwtVerify } = require('jose');

const app = express();

// Auth middleware that trusts whatever the token says.
function requireAuth(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).json({ error: 'missing token' });
  const token = header.split(' ')[1];
  // ruleid: javascript.jwt-decode-without-verify
  const payload = jwt.decode(token);
  if (!payload) return res.status(401).json({ error: 'bad token' });
  req.user = { id: payload.sub, role: payload.role };
  next();
}

app.get('/admin', (req, res) => {
  // ruleid: javascript.jwt-decode-without-verify
  const claims = decodeJwt(req.cookies.session);
  if (claims.role !== 'admin') return res.status(403).end();
  res.json({ welcome: claims.sub });
});

app.post('/refresh', (req, res) => {
  const { refreshToken } = req.body;
  // ruleid: javascript.jwt-decode-without-verify
  const decoded = jwt.decode(refreshToken, { complete: true });
  res.json({ token: issueAccessToken(decoded.payload.sub) });
});

// Verified tokens are the fix.
function requireAuthSafe(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    // ok: javascript.jwt-decode-without-verify
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}

app.get('/me', async (req, res) => {
  const token = req.cookies.session;
  const { payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'] });
  // Reading the header of a token that was just verified.
  // ok: javascript.jwt-decode-without-verify
  const header = jwt.decode(token, { complete: true }).header;
  res.json({ sub: payload.sub, kid: header.kid });
});

// Decoding a token the server issued itself (not from the request) to read its expiry.
function expiresAt(token) {
  // ok: javascript.jwt-decode-without-verify
  const { exp } = jwt.decode(token);
  return new Date(exp * 1000);
}

module.exports = { app, requireAuth, requireAuthSafe, expiresAt };
