const express = require('express');
const yaml = require('js-yaml');
const jsTypes = require('js-yaml-js-types');

const app = express();
app.use(express.text({ type: 'application/yaml' }));

app.post('/pipelines', (req, res) => {
  // ruleid: javascript.js-yaml-unsafe-schema
  const pipeline = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ steps: pipeline.steps.length });
});

const richSchema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

app.post('/workflows', (req, res) => {
  // ruleid: javascript.js-yaml-unsafe-schema
  const workflow = yaml.load(req.body, { schema: richSchema, filename: 'upload.yml' });
  res.json({ name: workflow.name });
});

app.post('/bundles', (req, res) => {
  // ruleid: javascript.js-yaml-unsafe-schema
  const docs = yaml.loadAll(req.body, null, { schema: yaml.DEFAULT_SCHEMA.extend(require('js-yaml-js-types').all) });
  res.json({ count: docs.length });
});

app.post('/settings', (req, res) => {
  // ok: javascript.js-yaml-unsafe-schema
  const settings = yaml.load(req.body);
  // ok: javascript.js-yaml-unsafe-schema
  const strict = yaml.load(req.body, { schema: yaml.JSON_SCHEMA });
  res.json({ settings, strict });
});

app.get('/export', (req, res) => {
  // ok: javascript.js-yaml-unsafe-schema
  res.type('application/yaml').send(yaml.dump({ version: 1 }, { schema: yaml.DEFAULT_SCHEMA }));
});

app.listen(3000);
