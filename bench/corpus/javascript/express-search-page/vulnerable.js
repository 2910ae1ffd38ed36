// Server-rendered search page for the docs site.
const express = require('express');
const { searchIndex } = require('./search-index');

const app = express();

app.get('/search', (req, res) => {
  const q = req.query.q || '';
  const hits = searchIndex(q).slice(0, 20);
  const items = hits.map((h) => `<li><a href="/docs/${encodeURIComponent(h.slug)}">${h.title}</a></li>`).join('');
  const html = `<!doctype html>
    <html><body>
      <h1>Results for ${q}</h1>
      <ul>${items}</ul>
    </body></html>`;
  res.send(html); // bench: vuln CWE-79
});

module.exports = app;
