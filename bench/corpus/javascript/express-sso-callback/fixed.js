// Single sign-on callback: exchanges the code and returns the user to where they started.
const express = require('express');
const session = require('express-session');
const { exchangeCode } = require('./sso');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/sso/callback', async (req, res) => {
  const { code, returnTo } = req.query;
  try {
    const user = await exchangeCode(code);
    req.session.user = { id: user.id, email: user.email };
    const target = typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/dashboard';
    res.redirect(target); // bench: safe CWE-601
  } catch (err) {
    res.status(401).send('login failed');
  }
});

app.listen(3000);
