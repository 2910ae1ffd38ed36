const express = require('express');
const session = require('express-session');
const cookieSession = require('cookie-session');
const Fastify = require('fastify');

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // ruleid: javascript.session-cookie-insecure
    cookie: { secure: false, maxAge: 60 * 60 * 1000 },
  }),
);

// Unset flags are reported by javascript.session-cookie-missing-secure (audit).
const admin = express();
admin.use(
  // ok: javascript.session-cookie-insecure
  session({
    secret: process.env.ADMIN_SESSION_SECRET,
    resave: false,
    saveUninitialized: true,
  }),
);

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ruleid: javascript.session-cookie-insecure
    cookie: { httpOnly: false, secure: true },
  }),
);

// ruleid: javascript.session-cookie-insecure
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], httpOnly: false }));

const fastify = Fastify();
fastify.register(require('@fastify/session'), {
  secret: process.env.FASTIFY_SESSION_SECRET,
  // ruleid: javascript.session-cookie-insecure
  cookie: { secure: false },
});

// Secure settings.
const safe = express();
safe.set('trust proxy', 1);
safe.use(
  // ok: javascript.session-cookie-insecure
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
  }),
);

safe.use(
  // ok: javascript.session-cookie-insecure
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true },
  }),
);

// cookie-session sets Secure on HTTPS requests by itself.
// ok: javascript.session-cookie-insecure
safe.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], maxAge: 86400000 }));

module.exports = { app, admin, safe, fastify };
