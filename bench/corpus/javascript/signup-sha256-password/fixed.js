// Sign-up and login with salted password hashes.
const express = require('express');
const argon2 = require('argon2');
const { pool } = require('./db');

const router = express.Router();

router.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  if (!email || !password || password.length < 10) {
    return res.status(400).json({ error: 'Email and a password of at least 10 characters are required' });
  }
  const hash = await argon2.hash(password, { type: argon2.argon2id }); // bench: safe CWE-916
  await pool.query('INSERT INTO users (email, password_hash) VALUES ($1, $2)', [email, hash]);
  res.status(201).json({ email });
});

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const { rows } = await pool.query('SELECT id, password_hash FROM users WHERE email = $1', [email]);
  const user = rows[0];
  if (!user || !(await argon2.verify(user.password_hash, password))) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

module.exports = router;
