const express = require('express');
const escapeHtml = require('escape-html');
const DOMPurify = require('dompurify');

const app = express();

app.get('/search', async (req, res) => {
  const results = await search(req.query.q);
  // ruleid: javascript.html-built-from-strings
  res.send(`<h1>Results for ${req.query.q}</h1><ul>${results.map((r) => `<li>${r.title}</li>`).join('')}</ul>`);
});

app.get('/hello', (req, res) => {
  // ruleid: javascript.html-built-from-strings
  res.status(200).send('<p>Hello, ' + req.query.name + '!</p>');
});

function renderComment(container, comment) {
  // ruleid: javascript.html-built-from-strings
  container.innerHTML = `<div class="comment"><b>${comment.author}</b><p>${comment.text}</p></div>`;
}

function appendNotice(list, message) {
  // ruleid: javascript.html-built-from-strings
  list.insertAdjacentHTML('beforeend', `<li class="notice">${message}</li>`);
}

// Escaped values, templates, or text nodes.
app.get('/search-safe', async (req, res) => {
  // ok: javascript.html-built-from-strings
  res.send(`<h1>Results for ${escapeHtml(req.query.q)}</h1>`);
});

app.get('/hello-safe', (req, res) => {
  // ok: javascript.html-built-from-strings
  res.render('hello', { name: req.query.name });
});

function renderCommentSafe(container, comment) {
  const p = document.createElement('p');
  // ok: javascript.html-built-from-strings
  p.textContent = comment.text;
  container.appendChild(p);
  // ok: javascript.html-built-from-strings
  container.innerHTML = DOMPurify.sanitize(comment.html);
}

// Escaped into a variable first.
app.get('/profile-safe', (req, res) => {
  const name = escapeHtml(req.query.name);
  // ok: javascript.html-built-from-strings
  res.send(`<h1>Hello ${name}</h1>`);
});

function renderBadge(el, user) {
  let label = he.encode(user.label);
  // ok: javascript.html-built-from-strings
  el.innerHTML = `<span class="badge">${label}</span>`;
}

function renderMixed(el, user) {
  const label = escapeHtml(user.label);
  // todoruleid: javascript.html-built-from-strings
  el.innerHTML = `<span title="${user.title}">${label}</span>`;
}

function renderWrongVar(el, user) {
  const label = escapeHtml(user.label);
  // ruleid: javascript.html-built-from-strings
  el.innerHTML = `<span>${user.label}</span>`;
}

// Static markup.
const FOOTER = '<footer>ACME</footer>';
app.get('/about', (req, res) => {
  // ok: javascript.html-built-from-strings
  res.send(`<main><h1>About</h1></main>${FOOTER}`);
});

module.exports = { app, renderComment, appendNotice, renderCommentSafe, renderBadge, renderMixed, renderWrongVar };
