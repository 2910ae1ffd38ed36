const express = require('express');
const multer = require('multer');
const path = require('path');
const crypto = require('crypto');

const app = express();
app.use('/uploads', express.static(path.join(__dirname, 'public/uploads')));

// ruleid: javascript.multer-without-file-filter
const upload = multer({ dest: path.join(__dirname, 'public/uploads') });

app.post('/avatar', upload.single('avatar'), (req, res) => {
  res.json({ url: `/uploads/${req.file.filename}` });
});

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, path.join(__dirname, 'storage')),
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname).toLowerCase()),
});

// ruleid: javascript.multer-without-file-filter
const documents = multer({ storage, limits: { fileSize: 10 * 1024 * 1024 } });

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);
// ok: javascript.multer-without-file-filter
const images = multer({
  storage,
  limits: { fileSize: 2 * 1024 * 1024, files: 1 },
  fileFilter: (req, file, cb) => cb(null, IMAGE_TYPES.has(file.mimetype) && /\.(png|jpe?g|webp)$/i.test(file.originalname)),
});

function fileFilter(req, file, cb) {
  cb(null, file.mimetype === 'application/pdf');
}
// ok: javascript.multer-without-file-filter
const pdfs = multer({ storage, fileFilter, limits: { fileSize: 5 * 1024 * 1024 } });

// ok: javascript.multer-without-file-filter
const inMemory = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1024 * 1024 } });

// ruleid: javascript.multer-without-file-filter
app.post('/import', multer({ storage: multer.memoryStorage() }).single('csv'), (req, res) => {
  res.json({ bytes: req.file.size });
});

app.post('/documents', documents.single('doc'), (req, res) => res.json({ id: req.file.filename }));
app.post('/images', images.single('image'), (req, res) => res.json({ id: req.file.filename }));
app.post('/pdfs', pdfs.single('pdf'), (req, res) => res.json({ id: req.file.filename }));
app.post('/memo', inMemory.single('memo'), (req, res) => res.json({ bytes: req.file.size }));

app.listen(3000);
