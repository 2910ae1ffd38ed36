// Small network diagnostics page for the office router.
const express = require('express');
const { exec, execFile } = require('child_process');
const net = require('net');

const app = express();

app.get('/tools/ping', (req, res) => {
  const host = String(req.query.host || '127.0.0.1');
  const count = Math.min(Math.max(parseInt(req.query.count, 10) || 3, 1), 10);
  if (!net.isIP(host) && !/^[a-z0-9.-]{1,253}$/i.test(host)) {
    return res.status(400).send('invalid host');
  }
  execFile('ping', ['-c', String(count), '--', host], { timeout: 10000 }, (err, stdout, stderr) => { // bench: safe CWE-78
    if (err) {
      return res.status(500).type('text/plain').send(stderr || err.message);
    }
    res.type('text/plain').send(stdout);
  });
});

app.get('/tools/uptime', (req, res) => {
  exec('uptime', (err, stdout) => {
    if (err) return res.status(500).send('failed');
    res.type('text/plain').send(stdout);
  });
});

app.listen(8080);
