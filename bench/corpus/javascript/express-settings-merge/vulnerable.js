// Per-team settings: defaults deep-merged with what the team saved.
const express = require('express');

const app = express();
app.use(express.json());

const DEFAULTS = { theme: 'light', notifications: { email: true, slack: false }, locale: 'en' };
const teamSettings = new Map();

function deepMerge(target, source) {
  for (const key in source) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; // bench: vuln CWE-1321
    }
  }
  return target;
}

app.put('/teams/:id/settings', (req, res) => {
  const current = teamSettings.get(req.params.id) || JSON.parse(JSON.stringify(DEFAULTS));
  const updated = deepMerge(current, req.body);
  teamSettings.set(req.params.id, updated);
  res.json(updated);
});

app.listen(3000);
