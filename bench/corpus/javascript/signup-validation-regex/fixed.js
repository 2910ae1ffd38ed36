// Validates sign-up form fields before creating the account.
const express = require('express');
const escapeStringRegexp = require('escape-string-regexp');
const { accounts } = require('./db');

const router = express.Router();

const USERNAME_RE = /^[a-zA-Z0-9]+(?:[._-][a-zA-Z0-9]+)*$/; // bench: safe CWE-1333
const PHONE_RE = /^\+?[0-9 ()-]{7,20}$/;

function validate(body) {
  const errors = [];
  if (typeof body.username !== 'string' || body.username.length > 32 || !USERNAME_RE.test(body.username)) errors.push('username');
  if (typeof body.phone !== 'string' || !PHONE_RE.test(body.phone)) errors.push('phone');
  if (typeof body.password !== 'string' || body.password.length < 12) errors.push('password');
  return errors;
}

router.post('/signup', async (req, res) => {
  const errors = validate(req.body);
  if (errors.length) return res.status(400).json({ invalid: errors });
  const account = await accounts.create(req.body.username, req.body.phone, req.body.password);
  res.status(201).json({ id: account.id });
});

router.get('/usernames/search', async (req, res) => {
  const pattern = new RegExp('^' + escapeStringRegexp(String(req.query.prefix || '')), 'i'); // bench: safe CWE-1333
  const names = await accounts.listUsernames();
  res.json(names.filter((n) => pattern.test(n)).slice(0, 20));
});

module.exports = router;
