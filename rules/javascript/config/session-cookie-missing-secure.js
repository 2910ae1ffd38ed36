const express = require('express');
const session = require('express-session');

const app = express();

app.use(
  // ruleid: javascript.session-cookie-missing-secure
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: true,
  }),
);

const api = express();
api.use(
  // ruleid: javascript.session-cookie-missing-secure
  session({
    secret: process.env.API_SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: 15 * 60 * 1000, sameSite: 'lax' },
  }),
);

const admin = express();
// ruleid: javascript.session-cookie-missing-secure
admin.use(session({ secret: process.env.ADMIN_SECRET, cookie: { httpOnly: true } }));

// Secure set (or decided by the environment).
app.use(
  // ok: javascript.session-cookie-missing-secure
  session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true } }),
);
app.use(
  // ok: javascript.session-cookie-missing-secure
  session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true } }),
);
// Options kept in a variable are not judged.
const sessionOptions = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
// ok: javascript.session-cookie-missing-secure
app.use(session(sessionOptions));

module.exports = { app, api, admin };
