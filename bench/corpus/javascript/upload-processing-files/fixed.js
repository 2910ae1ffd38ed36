// Accepts CSV uploads and imports them in a background worker.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { importQueue } = require('./queue');

const app = express();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } });
const SHARED_DIR = '/srv/imports';

fs.mkdirSync(SHARED_DIR, { recursive: true });
fs.chmodSync(SHARED_DIR, 0o770); // bench: safe CWE-732

app.post('/imports', upload.single('file'), async (req, res) => {
  if (!req.file || req.file.mimetype !== 'text/csv') return res.status(400).json({ error: 'CSV file required' });
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
  const staging = path.join(stagingDir, 'upload.csv');
  fs.writeFileSync(staging, req.file.buffer, { mode: 0o600, flag: 'wx' }); // bench: safe CWE-377
  const finalPath = path.join(SHARED_DIR, `${Date.now()}-${req.user.id}.csv`);
  fs.renameSync(staging, finalPath);
  await importQueue.add({ file: finalPath, userId: req.user.id });
  res.status(202).json({ queued: true });
});

module.exports = app;
