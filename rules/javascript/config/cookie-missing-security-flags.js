const express = require('express');
const jwt = require('jsonwebtoken');
const { cookies } = require('next/headers');

const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  // ruleid: javascript.cookie-missing-security-flags
  res.cookie('token', token);
  res.json({ ok: true });
});

app.post('/remember', (req, res) => {
  // ruleid: javascript.cookie-missing-security-flags
  res.cookie('remember_me', req.user.rememberToken, { maxAge: 30 * 24 * 3600 * 1000, httpOnly: true });
  res.end();
});

app.post('/refresh', (req, res) => {
  const refreshToken = issueRefreshToken(req.user);
  // ruleid: javascript.cookie-missing-security-flags
  res.cookie('refresh_token', refreshToken, { httpOnly: false, secure: true, sameSite: 'strict' });
  res.end();
});

async function loginAction(formData) {
  'use server';
  const session = await createSession(formData.get('email'));
  // ruleid: javascript.cookie-missing-security-flags
  cookies().set('session', session.id, { path: '/' });
}

// Both flags set: fine.
app.post('/login-safe', async (req, res) => {
  const token = await issueToken(req.body);
  // ok: javascript.cookie-missing-security-flags
  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600 * 1000 });
  res.end();
});

app.post('/login-env', async (req, res) => {
  const token = await issueToken(req.body);
  // ok: javascript.cookie-missing-security-flags
  res.cookie('session', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });
  res.end();
});

// Preferences are not credentials.
app.post('/prefs', (req, res) => {
  // ok: javascript.cookie-missing-security-flags
  res.cookie('theme', req.body.theme, { maxAge: 365 * 24 * 3600 * 1000 });
  res.end();
});

// Options defined in one place.
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict' };
app.post('/login-shared', async (req, res) => {
  // ok: javascript.cookie-missing-security-flags
  res.cookie('auth', await issueToken(req.body), COOKIE_OPTIONS);
  res.end();
});

module.exports = { app, loginAction };
