// Marketing e-mail preview: editors write the template, the server renders it with a sample customer.
const express = require('express');
const ejs = require('ejs');

const app = express();
app.use(express.json({ limit: '100kb' }));

const sampleCustomer = { firstName: 'Ada', lastName: 'Lovelace', points: 1200 };

app.post('/api/emails/preview', (req, res) => {
  const { subject, body } = req.body;
  try {
    const html = ejs.render(body, { customer: sampleCustomer, subject }); // bench: vuln CWE-1336
    res.json({ subject, html });
  } catch (err) {
    res.status(400).json({ error: 'template error', detail: err.message });
  }
});

app.listen(3000);
