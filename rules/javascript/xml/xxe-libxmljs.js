const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

app.post('/invoices', (req, res) => {
  // ruleid: javascript.xxe-libxmljs
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });
  const total = doc.get('//total');
  res.json({ total: total ? total.text() : null });
});

app.post('/invoices/validate', (req, res) => {
  // ruleid: javascript.xxe-libxmljs
  const doc = libxmljs.parseXmlString(req.body, { dtdload: true, dtdvalid: false });
  res.json({ valid: doc.validate(doc) });
});

app.post('/invoices/safe', (req, res) => {
  // ok: javascript.xxe-libxmljs
  const doc = libxmljs.parseXml(req.body, { noblanks: true });
  // ok: javascript.xxe-libxmljs
  const other = libxmljs.parseXml(req.body, { noent: false, nonet: true });
  res.json({ root: doc.root().name(), other: other.root().name() });
});

const options = { noent: true };

app.post('/feeds', (req, res) => {
  // ruleid: javascript.xxe-libxmljs
  const feed = libxmljs.parseXmlString(req.body, { nonet: true, dtdvalid: true });
  res.json({ items: feed.find('//item').length, options });
});

app.post('/feeds/html', (req, res) => {
  // ok: javascript.xxe-libxmljs
  const page = libxmljs.parseHtmlString(req.body, { noblanks: true, recover: true });
  res.json({ title: page.get('//title')?.text() });
});

app.listen(3000);
