const express = require('express');
const serialize = require('serialize-javascript');

const app = express();

function page(state) {
  return `<!doctype html>
<html><body>
  <div id="root"></div>
  <script>window.__STATE__ = ${state}</script>
  <script src="/bundle.js"></script>
</body></html>`;
}

app.get('/dashboard', async (req, res) => {
  const state = { user: req.query.user, widgets: ['sales', 'traffic'] };
  // ruleid: javascript.serialize-javascript-unsafe
  res.send(page(serialize(state, { unsafe: false })));
});

app.get('/dashboard-safe', async (req, res) => {
  const state = { user: req.query.user, widgets: ['sales', 'traffic'] };
  // ok: javascript.serialize-javascript-unsafe
  res.send(page(serialize(state, { isJSON: true })));
});

function restore(text) {
  // ruleid: javascript.serialize-javascript-unsafe
  return eval('(' + serialize(JSON.parse(text)) + ')');
}

function cloneConfig(config) {
  const source = serialize(config);
  // ruleid: javascript.serialize-javascript-unsafe
  return eval(`(${source})`);
}

function cloneConfigSafely(config) {
  // ok: javascript.serialize-javascript-unsafe
  return JSON.parse(serialize(config, { isJSON: true }));
}

function embed(data) {
  // ok: javascript.serialize-javascript-unsafe
  return `<script>window.DATA = ${serialize(data, { unsafe: false })}</script>`;
}

module.exports = { app, restore, cloneConfig, cloneConfigSafely, embed };
