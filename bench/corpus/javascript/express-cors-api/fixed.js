// Account API used by the single-page app on another subdomain.
const express = require('express');
const cors = require('cors');
const session = require('express-session');
const { accounts } = require('./db');

const app = express();
app.use(express.json());
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'none' },
  }),
);
app.use(cors({ origin: ['https://app.example.com'], credentials: true })); // bench: safe CWE-942

app.get('/api/account', async (req, res, next) => {
  try {
    if (!req.session.userId) return res.status(401).json({ error: 'Not logged in' });
    const account = await accounts.findById(req.session.userId);
    res.json(account);
  } catch (err) {
    next(err);
  }
});

app.post('/api/account/email', async (req, res, next) => {
  try {
    if (!req.session.userId) return res.status(401).json({ error: 'Not logged in' });
    await accounts.updateEmail(req.session.userId, req.body.email);
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Internal server error' }); // bench: safe CWE-209
});

app.listen(4000);
