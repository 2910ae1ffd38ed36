const express = require('express');
const crypto = require('crypto');

const app = express();

// Webhook receiver: checks the HMAC signature of the raw body.
app.post('/webhooks/payments', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('X-Signature');
  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(req.body).digest('hex');
  // ruleid: javascript.timing-unsafe-secret-comparison
  if (signature !== expected) {
    return res.status(401).send('bad signature');
  }
  res.sendStatus(204);
});

// API key middleware.
function requireApiKey(req, res, next) {
  // ruleid: javascript.timing-unsafe-secret-comparison
  if (req.headers['x-api-key'] !== process.env.API_KEY) {
    return res.status(403).json({ error: 'forbidden' });
  }
  next();
}

app.post('/admin/reset', (req, res) => {
  // ruleid: javascript.timing-unsafe-secret-comparison
  if (req.body.adminToken === process.env.ADMIN_TOKEN) {
    resetEverything();
    return res.json({ ok: true });
  }
  res.status(403).end();
});

async function login(email, password) {
  const user = await db.users.findByEmail(email);
  // ruleid: javascript.timing-unsafe-secret-comparison
  return user && user.password === password;
}

// Constant-time comparison is the fix.
function safeEqual(a, b) {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

function requireApiKeySafe(req, res, next) {
  // ok: javascript.timing-unsafe-secret-comparison
  if (!safeEqual(req.headers['x-api-key'] || '', process.env.API_KEY)) return res.status(403).end();
  next();
}

// Presence and type checks, and comparisons between user inputs, are not secret comparisons.
function validateRegistration(body) {
  // ok: javascript.timing-unsafe-secret-comparison
  if (body.password === undefined || typeof body.password !== 'string') return 'password required';
  // ok: javascript.timing-unsafe-secret-comparison
  if (body.password !== body.confirmPassword) return 'passwords do not match';
  // ok: javascript.timing-unsafe-secret-comparison
  if (body.password.length !== 12) return 'wrong length';
  return null;
}

// A parser comparing lexer tokens.
function expect(parser, kind) {
  // ok: javascript.timing-unsafe-secret-comparison
  if (parser.token.type !== kind) throw new SyntaxError(`expected ${kind}`);
  const nextToken = parser.lookahead();
  // ok: javascript.timing-unsafe-secret-comparison
  return nextToken === parser.lastToken;
}

// An AST walker checking a node kind whose name happens to be a secret-sounding word.
function isSignatureNode(node) {
  // ok: javascript.timing-unsafe-secret-comparison
  return node.signature.type === 'Signature' || node.kind !== "Password";
}

module.exports = { app, requireApiKey, login, requireApiKeySafe, validateRegistration, expect, isSignatureNode };
