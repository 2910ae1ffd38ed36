// Login form handler with a return URL.
const express = require('express');
const session = require('express-session');
const { verifyPassword } = require('./auth');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  if (!(await verifyPassword(username, password))) {
    return res.status(401).send('Invalid login');
  }
  req.session.user = username;
  res.redirect(req.query.next || '/'); // bench: vuln CWE-601
});

module.exports = app;
