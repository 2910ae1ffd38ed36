const express = require('express');
const { execFile, spawn } = require('child_process');
const path = require('path');
const os = require('os');

const app = express();
app.use(express.json());

app.post('/api/mirror', (req, res) => {
  const { url } = req.body;
  const dir = path.join(os.tmpdir(), `mirror-${Date.now()}`);
  // ruleid: javascript.argument-injection
  execFile('git', ['clone', '--mirror', url, dir], (err) => {
    if (err) return res.status(500).json({ error: 'clone failed' });
    res.json({ dir });
  });
});

app.post('/api/mirror-safe', (req, res) => {
  const { url } = req.body;
  const dir = path.join(os.tmpdir(), `mirror-${Date.now()}`);
  // ok: javascript.argument-injection
  execFile('git', ['clone', '--mirror', '--', url, dir], (err) => {
    if (err) return res.status(500).json({ error: 'clone failed' });
    res.json({ dir });
  });
});

app.get('/api/fetch-headers', (req, res) => {
  const target = req.query.target;
  // ruleid: javascript.argument-injection
  const curl = spawn('curl', ['-sI', target]);
  curl.stdout.pipe(res);
});

app.get('/api/fetch-headers-checked', (req, res) => {
  const target = String(req.query.target);
  if (target.startsWith('-')) return res.status(400).send('bad target');
  // ok: javascript.argument-injection
  const curl = spawn('curl', ['-sI', target]);
  curl.stdout.pipe(res);
});

app.post('/api/extract', (req, res) => {
  const archive = req.body.archive;
  // ruleid: javascript.argument-injection
  execFile('tar', ['xzf', archive, '-C', '/srv/extracted'], (err) => res.json({ ok: !err }));
});

app.post('/api/extract-named', (req, res) => {
  const name = req.body.name;
  // ok: javascript.argument-injection
  execFile('tar', ['xzf', path.join('/srv/archives', name), '-C', '/srv/extracted'], (err) => res.json({ ok: !err }));
});

app.get('/api/log', (req, res) => {
  const ref = req.query.ref;
  // ok: javascript.argument-injection
  execFile('git', ['log', `--format=%H %s`, `refs/heads/${ref}`], (err, out) => res.type('text/plain').send(out));
});

app.post('/api/commit', (req, res) => {
  // ok: javascript.argument-injection
  execFile('git', ['commit', '--allow-empty', '-m', req.body.message], { cwd: '/srv/repo' }, (err) => res.json({ ok: !err }));
});

app.listen(3000);
