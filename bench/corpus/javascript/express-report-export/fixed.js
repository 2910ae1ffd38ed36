// Exports a sales report as PDF using wkhtmltopdf.
const express = require('express');
const { execFile } = require('child_process');
const path = require('path');
const fs = require('fs');

const app = express();
const REPORT_DIR = path.join(__dirname, 'reports');

app.get('/reports/:id/pdf', (req, res) => {
  const reportId = req.params.id;
  const title = req.query.title || 'Sales report';
  const out = path.join(REPORT_DIR, `${Date.now()}.pdf`);
  const source = `http://localhost:3000/reports/${encodeURIComponent(reportId)}/html`;

  execFile('wkhtmltopdf', ['--title', String(title), source, out], { timeout: 30000 }, (err) => { // bench: safe CWE-78
    if (err) {
      console.error('pdf export failed', err.message);
      return res.status(500).json({ error: 'export failed' });
    }
    res.download(out, 'report.pdf', () => fs.unlink(out, () => {}));
  });
});

app.listen(3000, () => console.log('listening on 3000'));
