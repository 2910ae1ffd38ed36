const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cookieSession = require('cookie-session');
const Koa = require('koa');

const app = express();

// ruleid: javascript.session-hardcoded-secret
app.use(cookieParser('keyboard cat'));

app.use(
  session({
    // ruleid: javascript.session-hardcoded-secret
    secret: 'my-session-secret',
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true },
  }),
);

app.use(
  cookieSession({
    name: 'session',
    // ruleid: javascript.session-hardcoded-secret
    keys: ['key1', 'key2'],
    maxAge: 24 * 60 * 60 * 1000,
  }),
);

// ruleid: javascript.session-hardcoded-secret
app.use(session({ secret: process.env.SESSION_SECRET || 'fallback-session-secret', resave: false, saveUninitialized: false }));

// A fallback kept in a variable first is not followed yet.
const SESSION_SECRET = process.env.SESSION_SECRET || 'fallback-session-secret';
// todoruleid: javascript.session-hardcoded-secret
app.use(session({ secret: SESSION_SECRET, resave: false, saveUninitialized: true }));

const koa = new Koa();
// ruleid: javascript.session-hardcoded-secret
koa.keys = ['im a newer secret', 'i like turtle'];

// Secrets from the environment are the safe pattern.
const secret = process.env.SESSION_SECRET;
if (!secret) throw new Error('SESSION_SECRET must be set');

// ok: javascript.session-hardcoded-secret
app.use(cookieParser(secret));
// ok: javascript.session-hardcoded-secret
app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { secure: true } }));
// ok: javascript.session-hardcoded-secret
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY_NEW, process.env.COOKIE_KEY_OLD] }));
// ok: javascript.session-hardcoded-secret
koa.keys = process.env.KOA_KEYS.split(',');
// A placeholder in a template is not a secret.
// ok: javascript.session-hardcoded-secret
app.use(session({ secret: '<SESSION_SECRET>', resave: false, saveUninitialized: false }));
// Cookie parser without signing: nothing to leak.
// ok: javascript.session-hardcoded-secret
app.use(cookieParser());

app.get('/', (req, res) => {
  req.session.views = (req.session.views || 0) + 1;
  res.send(`Views: ${req.session.views}`);
});

app.listen(3000);
