const express = require('express');
const cors = require('cors');

const app = express();

// ruleid: javascript.cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true }));

const api = express.Router();
api.use(
  cors({
    // ruleid: javascript.cors-credentials-any-origin
    origin: (origin, callback) => callback(null, true),
    credentials: true,
    methods: ['GET', 'POST'],
  }),
);

// ruleid: javascript.cors-credentials-any-origin
const corsOptions = { credentials: true, origin: '*' };
app.use('/public', cors(corsOptions));

// Hand-written CORS middleware.
app.use((req, res, next) => {
  // ruleid: javascript.cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE');
  next();
});

// The origin copied into a variable first is not followed yet.
app.use((req, res, next) => {
  const requestOrigin = req.headers.origin;
  // todoruleid: javascript.cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Origin', requestOrigin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

// An allow-list is the fix.
const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com'];
// ok: javascript.cors-credentials-any-origin
app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));

app.use(
  cors({
    // ok: javascript.cors-credentials-any-origin
    origin: (origin, callback) => callback(null, ALLOWED_ORIGINS.includes(origin)),
    credentials: true,
  }),
);

// A public API without credentials may allow any origin.
// ok: javascript.cors-credentials-any-origin
app.use('/status', cors({ origin: '*' }));

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED_ORIGINS.includes(origin)) {
    // ok: javascript.cors-credentials-any-origin
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

module.exports = { app, api };
