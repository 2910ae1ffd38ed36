const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

function escape(str) {
  // ruleid: javascript.hand-rolled-html-escape
  return String(str).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeAttr(value) {
  // ruleid: javascript.hand-rolled-html-escape
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

app.get('/greet', (req, res) => {
  // ruleid: javascript.hand-rolled-html-escape
  const name = req.query.name.replace(/</g, '&lt;');
  res.send(`<h1>Hello ${name}</h1>`);
});

// Vetted escapers and templates.
app.get('/greet-safe', (req, res) => {
  // ok: javascript.hand-rolled-html-escape
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);
});

app.get('/profile', (req, res) => {
  // ok: javascript.hand-rolled-html-escape
  res.render('profile', { name: req.query.name });
});

// Replacements that are not HTML escaping.
function slugify(title) {
  // ok: javascript.hand-rolled-html-escape
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function unescapeEntities(s) {
  // ok: javascript.hand-rolled-html-escape
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

module.exports = { app, escape, escapeAttr, slugify, unescapeEntities };
