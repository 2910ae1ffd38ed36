const crypto = require('crypto');
const express = require('express');
const CryptoJS = require('crypto-js');
const md5 = require('md5');
const argon2 = require('argon2');
const bcrypt = require('bcrypt');

const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const salt = crypto.randomBytes(16).toString('hex');
  // ruleid: javascript.password-fast-hash
  const hash = crypto.createHash('sha256').update(password + salt).digest('hex');
  await db.query('INSERT INTO users (email, password_hash, salt) VALUES ($1, $2, $3)', [email, hash, salt]);
  res.status(201).json({ email });
});

app.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  // ruleid: javascript.password-fast-hash
  const attempt = md5(req.body.password);
  if (!user || attempt !== user.passwordHash) return res.status(401).end();
  res.json({ ok: true });
});

function hashPassword(plain) {
  const salt = crypto.randomBytes(16);
  // ruleid: javascript.password-fast-hash
  const digest = crypto.createHmac('sha512', salt).update(plain).digest('hex');
  return `${salt.toString('hex')}:${digest}`;
}

function legacyHash(userPassword) {
  // ruleid: javascript.password-fast-hash
  return CryptoJS.SHA256(userPassword).toString(CryptoJS.enc.Hex);
}

async function browserHash(password) {
  const data = new TextEncoder().encode(password);
  // todoruleid: javascript.password-fast-hash
  return crypto.subtle.digest('SHA-256', data);
}

async function browserHashDirect(password) {
  // ruleid: javascript.password-fast-hash
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));
}

// Slow password hashes are the fix.
async function registerSafe(password) {
  // ok: javascript.password-fast-hash
  return argon2.hash(password, { type: argon2.argon2id });
}

async function registerBcrypt(password) {
  // ok: javascript.password-fast-hash
  return bcrypt.hash(password, 12);
}

// Hashing a reset token (a random value) before storing it is good practice.
function storeResetToken(resetPasswordToken) {
  // ok: javascript.password-fast-hash
  return crypto.createHash('sha256').update(resetPasswordToken).digest('hex');
}

function scryptPassword(password) {
  const salt = crypto.randomBytes(16);
  // ok: javascript.password-fast-hash
  const key = crypto.scryptSync(password, salt, 64);
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

function fingerprint(body) {
  // ok: javascript.password-fast-hash
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

module.exports = { app, hashPassword, legacyHash, browserHash, browserHashDirect, registerSafe, registerBcrypt, storeResetToken, scryptPassword, fingerprint };
