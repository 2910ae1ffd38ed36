// Sign-up and login with salted password hashes.
const express = require('express');
const crypto = require('crypto');
const { pool } = require('./db');

const router = express.Router();

function hashPassword(password, salt) {
  return crypto.createHash('sha256').update(salt + password).digest('hex'); // bench: vuln CWE-916
}

router.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  if (!email || !password || password.length < 10) {
    return res.status(400).json({ error: 'Email and a password of at least 10 characters are required' });
  }
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = hashPassword(password, salt);
  await pool.query('INSERT INTO users (email, password_hash, salt) VALUES ($1, $2, $3)', [email, hash, salt]);
  res.status(201).json({ email });
});

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const { rows } = await pool.query('SELECT id, password_hash, salt FROM users WHERE email = $1', [email]);
  const user = rows[0];
  if (!user) return res.status(401).json({ error: 'Invalid credentials' });
  const candidate = Buffer.from(hashPassword(password, user.salt), 'hex');
  const stored = Buffer.from(user.password_hash, 'hex');
  if (candidate.length !== stored.length || !crypto.timingSafeEqual(candidate, stored)) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

module.exports = router;
