const express = require('express');
const session = require('express-session');
const csurf = require('csurf');
const lusca = require('lusca');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true } }));

// The mobile client could not send the token, so POST was exempted.
// ruleid: javascript.csrf-protection-disabled
app.use(csurf({ ignoreMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'] }));

app.use(
  lusca({
    // ruleid: javascript.csrf-protection-disabled
    csrf: false,
    xframe: 'SAMEORIGIN',
    hsts: { maxAge: 31536000 },
  }),
);

// config/security.js (Sails)
module.exports.security = {
  // ruleid: javascript.csrf-protection-disabled
  csrf: false,
  cors: { allRoutes: false },
};

// config/shield.js (AdonisJS)
const shieldConfig = {
  // ruleid: javascript.csrf-protection-disabled
  csrf: { enabled: false, exceptRoutes: [] },
};

// Protection kept on.
// ok: javascript.csrf-protection-disabled
app.use(csurf({ cookie: false }));
// ok: javascript.csrf-protection-disabled
app.use(lusca({ csrf: true, xframe: 'SAMEORIGIN' }));
// ok: javascript.csrf-protection-disabled
const shieldSafe = { csrf: { enabled: true, exceptRoutes: ['/webhooks/stripe'] } };
// ok: javascript.csrf-protection-disabled
app.use(csurf({ ignoreMethods: ['GET', 'HEAD', 'OPTIONS'] }));

module.exports.shield = { shieldConfig, shieldSafe };
