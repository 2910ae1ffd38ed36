// Server-rendered account settings with session cookies.
import express from 'express';
import session from 'express-session';
import lusca from 'lusca';
import { accounts } from './db';

const app = express();
app.set('view engine', 'ejs');
app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true },
  }),
);
app.use(
  lusca({
    csrf: false, // bench: vuln CWE-352
    xframe: 'SAMEORIGIN',
    hsts: { maxAge: 31536000, includeSubDomains: true },
    nosniff: true,
  }),
);

app.get('/settings', async (req, res) => {
  const account = await accounts.findById(req.session.userId);
  res.render('settings', { account });
});

app.post('/settings/email', async (req, res) => {
  await accounts.updateEmail(req.session.userId, String(req.body.email));
  res.redirect('/settings');
});

app.post('/settings/delete', async (req, res) => {
  await accounts.remove(req.session.userId);
  req.session.destroy(() => res.redirect('/'));
});

export default app;
