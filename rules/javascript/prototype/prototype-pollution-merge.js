const express = require('express');
const _ = require('lodash');
const $ = require('jquery');

const app = express();
app.use(express.json());

const defaults = { theme: 'light', notifications: { email: true, sms: false } };
const settingsByUser = {};

app.put('/settings', (req, res) => {
  // ruleid: javascript.prototype-pollution-merge
  const settings = _.merge({}, defaults, req.body);
  settingsByUser[req.user.id] = settings;
  res.json(settings);
});

app.put('/settings-picked', (req, res) => {
  const changes = _.pick(req.body, ['theme', 'notifications']);
  // ok: javascript.prototype-pollution-merge
  const settings = _.merge({}, defaults, changes);
  res.json(settings);
});

app.patch('/settings/field', (req, res) => {
  const { path, value } = req.body;
  const current = settingsByUser[req.user.id] || {};
  // ruleid: javascript.prototype-pollution-merge
  _.set(current, path, value);
  res.json(current);
});

app.patch('/settings/field-allowed', (req, res) => {
  const { path, value } = req.body;
  const ALLOWED = ['theme', 'notifications.email', 'notifications.sms'];
  if (!ALLOWED.includes(path)) return res.status(400).json({ error: 'unknown setting' });
  const current = settingsByUser[req.user.id] || {};
  // ok: javascript.prototype-pollution-merge
  _.set(current, path, value);
  res.json(current);
});

app.post('/widgets', (req, res) => {
  // ruleid: javascript.prototype-pollution-merge
  const widget = $.extend(true, {}, { size: 'm' }, req.body.widget);
  res.json(widget);
});

const registry = {};
app.post('/registry', (req, res) => {
  const { group, name, value } = req.body;
  registry[group] = registry[group] || {};
  // ruleid: javascript.prototype-pollution-merge
  registry[group][name] = value;
  res.sendStatus(204);
});

app.get('/defaults', (req, res) => {
  // ok: javascript.prototype-pollution-merge
  res.json(_.merge({}, defaults, { theme: 'dark' }));
});

app.listen(3000);
