// Configuration loading for the worker: defaults merged with the uploaded job config.
const express = require('express');

function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      // ruleid: javascript.prototype-pollution-recursive-merge
      target[key] = source[key];
    }
  }
  return target;
}

const deepAssign = (target, source) => {
  Object.keys(source).forEach((key) => {
    if (source[key] && typeof source[key] === 'object') {
      // ruleid: javascript.prototype-pollution-recursive-merge
      target[key] = deepAssign(target[key] || {}, source[key]);
    } else {
      // ruleid: javascript.prototype-pollution-recursive-merge
      target[key] = source[key];
    }
  });
  return target;
};

function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof source[key] === 'object' && source[key] !== null) {
      // ok: javascript.prototype-pollution-recursive-merge
      target[key] = safeMerge(target[key] || {}, source[key]);
    } else {
      // ok: javascript.prototype-pollution-recursive-merge
      target[key] = source[key];
    }
  }
  return target;
}

function shallowCopy(target, source) {
  for (const key in source) {
    // ok: javascript.prototype-pollution-recursive-merge
    target[key] = source[key];
  }
  return target;
}

const app = express();
app.use(express.json());
app.post('/jobs', (req, res) => {
  const config = merge({ retries: 3, timeout: 30 }, req.body);
  res.json({ config, other: deepAssign({}, req.body), safe: safeMerge({}, req.body), flat: shallowCopy({}, req.body) });
});

module.exports = app;
