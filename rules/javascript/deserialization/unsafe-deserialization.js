const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const Cryo = require('cryo');
const funcster = require('funcster');

const app = express();
app.use(cookieParser());
app.use(express.text());

app.get('/profile', (req, res) => {
  if (!req.cookies.profile) return res.redirect('/login');
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: javascript.unsafe-deserialization
  const profile = serialize.unserialize(raw);
  res.json({ name: profile.username });
});

app.get('/profile-json', (req, res) => {
  const raw = Buffer.from(req.cookies.profile || 'e30=', 'base64').toString();
  // ok: javascript.unsafe-deserialization
  const profile = JSON.parse(raw);
  res.json({ name: profile.username });
});

app.post('/state', (req, res) => {
  // ruleid: javascript.unsafe-deserialization
  const state = Cryo.parse(req.body);
  res.json({ keys: Object.keys(state) });
});

app.post('/jobs', (req, res) => {
  // ruleid: javascript.unsafe-deserialization
  const job = funcster.deepDeserialize(JSON.parse(req.body));
  res.json({ queued: job.name });
});

app.get('/defaults', (req, res) => {
  // ok: javascript.unsafe-deserialization
  const defaults = serialize.unserialize('{"theme":"dark"}');
  // ok: javascript.unsafe-deserialization
  const text = serialize.serialize({ theme: 'dark' });
  res.json({ defaults, text });
});

app.listen(3000);
