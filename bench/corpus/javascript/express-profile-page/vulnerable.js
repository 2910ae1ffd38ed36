// Public profile pages rendered on the server.
const express = require('express');
const { getProfile } = require('./profiles');

const app = express();

app.get('/u/:handle', async (req, res) => {
  const handle = req.params.handle;
  const tab = req.query.tab || 'posts';
  const profile = await getProfile(handle);
  if (!profile) {
    return res.status(404).send(`<h1>No user called ${handle}</h1>`); // bench: vuln CWE-79
  }
  const page = `<!doctype html>
<html>
  <head><title>${profile.displayName}</title></head>
  <body>
    <h1>${profile.displayName}</h1>
    <nav>Showing: ${tab}</nav>
  </body>
</html>`;
  res.send(page); // bench: vuln CWE-79
});

app.listen(3000);
