// Imports product feeds that partners upload as XML.
const express = require('express');
const libxmljs = require('libxmljs2');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }));

app.post('/api/feeds', (req, res) => {
  let doc;
  try {
    doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true }); // bench: vuln CWE-611
  } catch (err) {
    return res.status(400).json({ error: 'invalid XML' });
  }
  const products = doc.find('//product').map((p) => ({
    sku: p.get('sku')?.text(),
    name: p.get('name')?.text(),
    price: Number(p.get('price')?.text()),
  }));
  res.json({ imported: products.length, products });
});

app.listen(3000);
