// Customers download their invoices as PDF files.
const express = require('express');
const path = require('path');
const fs = require('fs');

const app = express();
const INVOICE_DIR = path.resolve(__dirname, 'storage', 'invoices');

app.get('/invoices/download', (req, res) => {
  const file = req.query.file;
  if (!file) return res.status(400).send('missing file');
  const fullPath = path.resolve(INVOICE_DIR, String(file));
  if (!fullPath.startsWith(INVOICE_DIR + path.sep)) return res.status(403).send('forbidden');
  fs.access(fullPath, fs.constants.R_OK, (err) => {
    if (err) return res.status(404).send('not found');
    res.setHeader('Content-Type', 'application/pdf');
    fs.createReadStream(fullPath).pipe(res); // bench: safe CWE-22
  });
});

app.listen(3000);
