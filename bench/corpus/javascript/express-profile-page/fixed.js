// Public profile pages rendered on the server.
const express = require('express');
const { getProfile } = require('./profiles');
const escapeHtml = require('escape-html');

const app = express();

app.get('/u/:handle', async (req, res) => {
  const handle = req.params.handle;
  const tab = escapeHtml(String(req.query.tab || 'posts'));
  const profile = await getProfile(handle);
  if (!profile) {
    return res.status(404).send(`<h1>No user called ${escapeHtml(handle)}</h1>`); // bench: safe CWE-79
  }
  const page = `<!doctype html>
<html>
  <head><title>${escapeHtml(profile.displayName)}</title></head>
  <body>
    <h1>${escapeHtml(profile.displayName)}</h1>
    <nav>Showing: ${tab}</nav>
  </body>
</html>`;
  res.send(page); // bench: safe CWE-79
});

app.listen(3000);
