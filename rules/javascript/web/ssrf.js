const express = require('express');
const axios = require('axios');
const fetch = require('node-fetch');
const http = require('http');

const app = express();
app.use(express.json());
const API_BASE = process.env.API_BASE || 'https://api.example.com';
const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);

app.post('/webhooks/test', async (req, res) => {
  const { url } = req.body;
  // ruleid: javascript.ssrf
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ ping: true }) });
  res.json({ status: response.status });
});

app.get('/preview', async (req, res) => {
  // ruleid: javascript.ssrf
  const { data } = await axios.get(req.query.link, { timeout: 5000 });
  res.json({ title: String(data).slice(0, 100) });
});

app.get('/proxy-image', async (req, res) => {
  const target = new URL(String(req.query.src));
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).send('host not allowed');
  }
  // ok: javascript.ssrf
  const upstream = await fetch(target);
  upstream.body.pipe(res);
});

app.get('/users/:id', async (req, res) => {
  // ok: javascript.ssrf
  const { data } = await axios.get(`https://api.example.com/users/${encodeURIComponent(req.params.id)}`);
  res.json(data);
});

app.get('/orders/:id', async (req, res) => {
  // ok: javascript.ssrf
  const { data } = await axios.get(`${API_BASE}/orders/${req.params.id}`);
  res.json(data);
});

app.get('/status', (req, res) => {
  const host = req.query.host;
  // ruleid: javascript.ssrf
  http.get(`http://${host}:8080/health`, (r) => res.sendStatus(r.statusCode));
});

app.post('/import', async (req, res) => {
  // ruleid: javascript.ssrf
  const feed = await axios({ method: 'get', url: req.body.feedUrl, responseType: 'text' });
  res.json({ bytes: feed.data.length });
});

app.listen(3000);
