const express = require('express');
const DOMPurify = require('isomorphic-dompurify');
const sanitizeHtml = require('sanitize-html');

const app = express();
app.use(express.json());

function sanitize(html) {
  return html
    // ruleid: javascript.hand-rolled-html-sanitizer
    .replace(/<script[^>]*>[\s\S]*?<\/script>/gi, '')
    // ruleid: javascript.hand-rolled-html-sanitizer
    .replace(/\son\w+="[^"]*"/gi, '')
    // ruleid: javascript.hand-rolled-html-sanitizer
    .replace(/javascript:/gi, '');
}

app.post('/comments', async (req, res) => {
  // ruleid: javascript.hand-rolled-html-sanitizer
  const body = req.body.html.replace(/<\/?(script|iframe|object)[^>]*>/gi, '');
  await db.comments.insert({ body });
  res.status(201).end();
});

// Parser-based sanitizers.
app.post('/comments-safe', async (req, res) => {
  // ok: javascript.hand-rolled-html-sanitizer
  const body = DOMPurify.sanitize(req.body.html);
  await db.comments.insert({ body });
  res.status(201).end();
});

function cleanBio(html) {
  // ok: javascript.hand-rolled-html-sanitizer
  return sanitizeHtml(html, { allowedTags: ['b', 'i', 'em', 'strong', 'a'], allowedAttributes: { a: ['href'] } });
}

// Regex replacements that are not about markup.
function normalizeSpaces(s) {
  // ok: javascript.hand-rolled-html-sanitizer
  return s.replace(/\s+/g, ' ');
}

function stripQuery(url) {
  // ok: javascript.hand-rolled-html-sanitizer
  return url.replace(/\?.*$/, '');
}

module.exports = { app, sanitize, cleanBio, normalizeSpaces, stripQuery };
