const express = require('express');

const app = express();
app.use(express.json());

// Email check written by hand.
// ruleid: javascript.regex-redos
const EMAIL_RE = /^([a-zA-Z0-9_.-]+)+@[a-zA-Z0-9-]+\.[a-zA-Z]{2,}$/;

app.post('/signup', (req, res) => {
  if (!EMAIL_RE.test(req.body.email)) return res.status(400).json({ error: 'invalid email' });
  res.status(201).end();
});

function isValidSlug(slug) {
  // ruleid: javascript.regex-redos
  return /^(\w+-?)*$/.test(slug);
}

// ruleid: javascript.regex-redos
const TAG_LIST = new RegExp('^(\\s*[a-z]+\\s*,?)*$');

function isNumberList(s) {
  // ruleid: javascript.regex-redos
  return /^(\d+|\d+\.\d+)+$/.test(s);
}

// A separator between the repetitions keeps it linear.
function parseDuration(s) {
  // ok: javascript.regex-redos
  const m = s.match(/^((\d+|\d+\.\d+)[hms])+$/);
  return m ? m[0] : null;
}

// Linear regexes.
// ok: javascript.regex-redos
const EMAIL_SAFE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// ok: javascript.regex-redos
const SLUG_SAFE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// ok: javascript.regex-redos
const UUID = new RegExp('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', 'i');

function trimEnd(s) {
  // Polynomial at worst; reported by javascript.regex-redos-polynomial (audit), not here.
  // ok: javascript.regex-redos
  return s.replace(/\s+$/, '');
}

module.exports = { app, isValidSlug, TAG_LIST, isNumberList, parseDuration, EMAIL_SAFE, SLUG_SAFE, UUID, trimEnd };
