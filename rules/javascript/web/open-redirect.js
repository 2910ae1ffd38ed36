const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).send('invalid credentials');
  req.session.userId = user.id;
  // ruleid: javascript.open-redirect
  res.redirect(req.query.next || '/');
});

app.post('/login-safe', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).send('invalid credentials');
  req.session.userId = user.id;
  let next = String(req.query.next || '/');
  if (!next.startsWith('/') || next.startsWith('//')) next = '/';
  // ok: javascript.open-redirect
  res.redirect(next);
});

app.get('/out', (req, res) => {
  const target = req.query.url;
  // ruleid: javascript.open-redirect
  res.redirect(302, target);
});

app.get('/go/:slug', (req, res) => {
  // ok: javascript.open-redirect
  res.redirect(`/articles/${req.params.slug}`);
});

app.get('/legacy', (req, res) => {
  // ruleid: javascript.open-redirect
  res.writeHead(301, { Location: req.query.to });
  res.end();
});

app.get('/logout', (req, res) => {
  req.session.destroy(() => {
    // ok: javascript.open-redirect
    res.redirect('/login');
  });
});

async function authenticate(email, password) {
  return email && password ? { id: 1 } : null;
}

// client side: continue to the page named in the URL after the consent banner
function continueAfterConsent() {
  const params = new URLSearchParams(window.location.search);
  // ruleid: javascript.open-redirect
  window.location.href = params.get('returnTo');
}

app.listen(3000);
