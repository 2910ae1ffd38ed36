const express = require('express');
const crypto = require('crypto');

const router = express.Router();

function generateResetToken() {
  // ruleid: javascript.insecure-random-secret
  return Math.random().toString(36).substring(2) + Date.now().toString(36);
}

function generateOtp() {
  // ruleid: javascript.insecure-random-secret
  return Math.floor(100000 + Math.random() * 900000).toString();
}

const generatePassword = (length = 12) => {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%';
  let out = '';
  for (let i = 0; i < length; i++) {
    // ruleid: javascript.insecure-random-secret
    out += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return out;
};

router.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).end();
  // ruleid: javascript.insecure-random-secret
  const sessionId = Math.random().toString(36).slice(2);
  await sessions.set(sessionId, user.id);
  res.cookie('sid', sessionId, { httpOnly: true, secure: true });
  res.json({ ok: true });
});

router.post('/invites', async (req, res) => {
  const invite = {
    email: req.body.email,
    // ruleid: javascript.insecure-random-secret
    inviteCode: Math.random().toString(36).slice(2, 10),
  };
  await invites.insert(invite);
  res.status(201).json({ email: invite.email });
});

// Cryptographic randomness is the fix.
function generateResetTokenSafe() {
  // ok: javascript.insecure-random-secret
  return crypto.randomBytes(32).toString('hex');
}

function generateOtpSafe() {
  // ok: javascript.insecure-random-secret
  return crypto.randomInt(100000, 1000000).toString();
}

// Math.random for non-secret values (jitter, sampling, UI) is fine.
function retryDelay(attempt) {
  // ok: javascript.insecure-random-secret
  const jitter = Math.random() * 100;
  return 2 ** attempt * 100 + jitter;
}

function pickColor(colors) {
  // ok: javascript.insecure-random-secret
  return colors[Math.floor(Math.random() * colors.length)];
}

function shouldSample() {
  // ok: javascript.insecure-random-secret
  return Math.random() < 0.1;
}

// A name that only ends like a secret word ("tokenCount") is not a secret.
function shuffleTokens(tokens) {
  // ok: javascript.insecure-random-secret
  const tokenCount = Math.floor(Math.random() * tokens.length);
  return tokens.slice(0, tokenCount);
}

module.exports = { router, generateResetToken, generateOtp, generatePassword, generateResetTokenSafe, generateOtpSafe, retryDelay, pickColor, shouldSample, shuffleTokens };
