const crypto = require('crypto');
const express = require('express');
const CryptoJS = require('crypto-js');

const router = express.Router();

// Password reset: the token is an MD5 of guessable data.
router.post('/forgot-password', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.json({ ok: true });
  // ruleid: javascript.weak-hash-for-security
  const resetToken = crypto.createHash('md5').update(user.email + Date.now()).digest('hex');
  user.resetToken = resetToken;
  await user.save();
  await mailer.send(user.email, `https://example.com/reset/${resetToken}`);
  res.json({ ok: true });
});

// Webhook signature check with SHA-1.
function verifyWebhook(body, signature, secret) {
  // ruleid: javascript.weak-hash-for-security
  const expected = crypto.createHash('sha1').update(secret + body).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

// Document signatures with SHA-1 can be forged through collisions.
function signDocument(doc, privateKey) {
  // ruleid: javascript.weak-hash-for-security
  const signer = crypto.createSign('RSA-SHA1');
  signer.update(doc);
  return signer.sign(privateKey, 'base64');
}

function generateApiKey(userId) {
  // ruleid: javascript.weak-hash-for-security
  return crypto.createHash('md5').update(`${userId}:${Date.now()}`).digest('hex');
}

function hashSessionToken(sessionToken) {
  // ruleid: javascript.weak-hash-for-security
  return CryptoJS.MD5(sessionToken).toString();
}

// MD5 for a cache key or an ETag is not a security use.
function cacheKey(url) {
  // ok: javascript.weak-hash-for-security
  return crypto.createHash('md5').update(url).digest('hex');
}

function etagFor(body) {
  // ok: javascript.weak-hash-for-security
  const etag = crypto.createHash('sha1').update(body).digest('base64');
  return `"${etag}"`;
}

// Strong digests are fine.
function hashResetToken(token) {
  // ok: javascript.weak-hash-for-security
  return crypto.createHash('sha256').update(token).digest('hex');
}

function signSafe(doc, privateKey) {
  // ok: javascript.weak-hash-for-security
  const signer = crypto.createSign('sha256');
  signer.update(doc);
  return signer.sign(privateKey, 'base64');
}

// A file checksum for deduplication.
function fileChecksum(buffer) {
  const hash = crypto.createHash('md5');
  // ok: javascript.weak-hash-for-security
  hash.update(buffer);
  return hash.digest('hex');
}

module.exports = { router, verifyWebhook, signDocument, generateApiKey, hashSessionToken, cacheKey, etagFor, hashResetToken, signSafe, fileChecksum };
