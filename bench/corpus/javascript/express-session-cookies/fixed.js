// Session-based login for the admin dashboard, with a "remember me" cookie.
const express = require('express');
const session = require('express-session');
const crypto = require('crypto');
const { admins, rememberTokens } = require('./store');
const { verifyPassword } = require('./passwords');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.set('trust proxy', 1);

app.use(
  session({
    secret: process.env.SESSION_SECRET, // bench: safe CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
  }),
);

app.post('/login', async (req, res) => {
  const admin = await admins.findByUsername(req.body.username);
  if (!admin || !(await verifyPassword(admin, req.body.password))) {
    return res.status(401).send('Invalid credentials');
  }
  req.session.regenerate((err) => {
    if (err) return res.status(500).send('Session error');
    req.session.adminId = admin.id;
    if (req.body.remember === 'on') {
      const token = crypto.randomBytes(32).toString('hex');
      rememberTokens.save(admin.id, token);
      res.cookie('remember_token', token, { maxAge: 30 * 24 * 60 * 60 * 1000, httpOnly: true, secure: true, sameSite: 'strict' }); // bench: safe CWE-614 CWE-1004
    }
    res.redirect('/dashboard');
  });
});

app.post('/logout', (req, res) => {
  res.clearCookie('remember_token');
  req.session.destroy(() => res.redirect('/login'));
});

module.exports = app;
