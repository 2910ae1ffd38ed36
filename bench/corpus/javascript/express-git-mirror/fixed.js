// Mirrors a public git repository into the build cache.
const express = require('express');
const { execFile } = require('child_process');
const path = require('path');
const crypto = require('crypto');

const app = express();
app.use(express.json());
const CACHE = '/var/cache/mirrors';

app.post('/mirrors', (req, res) => {
  const { repoUrl } = req.body;
  if (!repoUrl) return res.status(400).json({ error: 'repoUrl is required' });
  const dir = path.join(CACHE, crypto.createHash('sha1').update(String(repoUrl)).digest('hex'));

  if (String(repoUrl).startsWith('-')) return res.status(400).json({ error: 'invalid repoUrl' });
  execFile('git', ['clone', '--mirror', '--', String(repoUrl), dir], { timeout: 120000 }, (err, stdout, stderr) => { // bench: safe CWE-88
    if (err) {
      return res.status(502).json({ error: 'clone failed', detail: stderr.slice(0, 200) });
    }
    res.status(201).json({ dir });
  });
});

app.listen(3000);
