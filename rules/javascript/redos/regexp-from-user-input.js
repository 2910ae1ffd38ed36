const express = require('express');
const escapeStringRegexp = require('escape-string-regexp');
const _ = require('lodash');

const app = express();

// Product search with a user-supplied pattern.
app.get('/products', async (req, res) => {
  const { q } = req.query;
  // ruleid: javascript.regexp-from-user-input
  const re = new RegExp(q, 'i');
  const products = await Product.find({ name: re }).limit(20);
  res.json(products);
});

app.get('/logs', (req, res) => {
  const filter = req.query.filter;
  // ruleid: javascript.regexp-from-user-input
  const matches = logLines.filter((line) => RegExp(filter).test(line));
  res.json(matches);
});

app.post('/highlight', (req, res) => {
  const { text, term } = req.body;
  // ruleid: javascript.regexp-from-user-input
  const highlighted = text.replace(new RegExp(`(${term})`, 'gi'), '<mark>$1</mark>');
  res.send(highlighted);
});

// Escaped input is matched literally.
app.get('/products-safe', async (req, res) => {
  // ok: javascript.regexp-from-user-input
  const re = new RegExp(escapeStringRegexp(String(req.query.q)), 'i');
  res.json(await Product.find({ name: re }).limit(20));
});

app.get('/users', async (req, res) => {
  const prefix = _.escapeRegExp(req.query.prefix);
  // ok: javascript.regexp-from-user-input
  res.json(await User.find({ email: new RegExp(`^${prefix}`) }));
});

app.get('/tags', (req, res) => {
  const term = String(req.query.term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ok: javascript.regexp-from-user-input
  res.json(tags.filter((t) => new RegExp(term, 'i').test(t)));
});

// A constant pattern.
// ok: javascript.regexp-from-user-input
const DATE = new RegExp('^\\d{4}-\\d{2}-\\d{2}$');

module.exports = { app, DATE };
