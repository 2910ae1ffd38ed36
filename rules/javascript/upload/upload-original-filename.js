const express = require('express');
const multer = require('multer');
const fileUpload = require('express-fileupload');
const path = require('path');
const crypto = require('crypto');

const app = express();
const PUBLIC_UPLOADS = path.join(__dirname, 'public', 'uploads');

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, PUBLIC_UPLOADS),
  filename: (req, file, cb) => {
    // ruleid: javascript.upload-original-filename
    cb(null, file.originalname);
  },
});

const timestamped = multer.diskStorage({
  destination: PUBLIC_UPLOADS,
  // ruleid: javascript.upload-original-filename
  filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});

const generated = multer.diskStorage({
  destination: PUBLIC_UPLOADS,
  // ok: javascript.upload-original-filename
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname).toLowerCase()),
});

app.post('/photos', multer({ storage, fileFilter: (req, file, cb) => cb(null, true) }).single('photo'), (req, res) => {
  res.json({ url: `/uploads/${req.file.filename}` });
});

app.use('/legacy', fileUpload());
app.post('/legacy/upload', (req, res) => {
  const doc = req.files.document;
  // ruleid: javascript.upload-original-filename
  doc.mv(path.join(PUBLIC_UPLOADS, doc.name), (err) => {
    if (err) return res.status(500).send(err.message);
    res.json({ url: `/uploads/${doc.name}` });
  });
});

app.post('/legacy/upload-safe', (req, res) => {
  const doc = req.files.document;
  const stored = `${crypto.randomUUID()}.pdf`;
  // ok: javascript.upload-original-filename
  doc.mv(path.join(PUBLIC_UPLOADS, stored), (err) => {
    if (err) return res.status(500).send(err.message);
    res.json({ url: `/uploads/${stored}`, originalName: doc.name });
  });
});

const upload = multer({ storage: generated, fileFilter: (req, file, cb) => cb(null, true) });
app.post('/docs', upload.single('doc'), (req, res) => {
  // ok: javascript.upload-original-filename
  res.json({ stored: req.file.filename, name: req.file.originalname });
});

app.post('/t', multer({ storage: timestamped, fileFilter: (r, f, cb) => cb(null, true) }).single('x'), (req, res) => res.sendStatus(201));
app.listen(3000);
