const crypto = require('crypto');
const CryptoJS = require('crypto-js');

function hashPassword(password) {
  const salt = crypto.randomBytes(16).toString('hex');
  // ruleid: javascript.pbkdf2-low-iterations
  const hash = crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512').toString('hex');
  return { salt, hash };
}

function verifyPassword(password, stored) {
  // ruleid: javascript.pbkdf2-low-iterations
  const hash = crypto.pbkdf2Sync(password, stored.salt, 10000, 64, 'sha512').toString('hex');
  return crypto.timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(stored.hash, 'hex'));
}

function deriveKeyAsync(passphrase, salt, cb) {
  // ruleid: javascript.pbkdf2-low-iterations
  crypto.pbkdf2(passphrase, salt, 5000, 32, 'sha256', cb);
}

function legacyDerive(passphrase, salt) {
  // ruleid: javascript.pbkdf2-low-iterations
  return CryptoJS.PBKDF2(passphrase, salt, { keySize: 256 / 32, iterations: 1000 });
}

async function browserKey(password, salt) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    // ruleid: javascript.pbkdf2-low-iterations
    { name: 'PBKDF2', salt, iterations: 2048, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

// Enough work per guess.
function hashPasswordSafe(password) {
  const salt = crypto.randomBytes(16);
  // ok: javascript.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha256');
}

function deriveSafe(passphrase, salt, cb) {
  // ok: javascript.pbkdf2-low-iterations
  crypto.pbkdf2(passphrase, salt, 210000, 32, 'sha512', cb);
}

const ITERATIONS = Number(process.env.PBKDF2_ITERATIONS);
function configured(password, salt) {
  // ok: javascript.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
}

async function browserSafe(material, salt) {
  return crypto.subtle.deriveBits(
    // ok: javascript.pbkdf2-low-iterations
    { name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' },
    material,
    256,
  );
}

module.exports = { hashPassword, verifyPassword, deriveKeyAsync, legacyDerive, browserKey, hashPasswordSafe, deriveSafe, configured, browserSafe };
