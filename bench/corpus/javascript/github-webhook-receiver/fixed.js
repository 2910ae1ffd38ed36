// Receives GitHub push webhooks and triggers a deploy.
const express = require('express');
const crypto = require('crypto');
const { enqueueDeploy } = require('./deploys');

const app = express();
const WEBHOOK_SECRET = process.env.GITHUB_WEBHOOK_SECRET;

function signatureMatches(received, expected) {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('X-Hub-Signature-256') || '';
  const expected = 'sha256=' + crypto.createHmac('sha256', WEBHOOK_SECRET).update(req.body).digest('hex');
  if (!signatureMatches(signature, expected)) { // bench: safe CWE-208
    return res.status(401).send('Invalid signature');
  }

  const event = req.get('X-GitHub-Event');
  const payload = JSON.parse(req.body.toString('utf8'));
  if (event === 'push' && payload.ref === 'refs/heads/main') {
    enqueueDeploy({ repo: payload.repository.full_name, commit: payload.after });
  }
  res.status(202).json({ queued: event === 'push' });
});

app.get('/healthz', (req, res) => res.send('ok'));

app.listen(process.env.PORT || 8080);
