// Small network diagnostics page for the office router.
const express = require('express');
const { exec } = require('child_process');

const app = express();

app.get('/tools/ping', (req, res) => {
  const host = req.query.host || '127.0.0.1';
  const count = parseInt(req.query.count, 10) || 3;
  exec(`ping -c ${count} ${host}`, { timeout: 10000 }, (err, stdout, stderr) => { // bench: vuln CWE-78
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
