// Profile pictures: stored in the public folder and served as static files.
const express = require('express');
const multer = require('multer');
const path = require('path');
const crypto = require('crypto');

const IMAGE_TYPES = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

const app = express();
const PUBLIC_AVATARS = path.join(__dirname, 'public', 'avatars');
app.use('/avatars', express.static(PUBLIC_AVATARS));

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, PUBLIC_AVATARS),
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + IMAGE_TYPES[file.mimetype]), // bench: safe CWE-434
});

const upload = multer({ // bench: safe CWE-434
  storage,
  limits: { fileSize: 2 * 1024 * 1024, files: 1 },
  fileFilter: (req, file, cb) => cb(null, Object.hasOwn(IMAGE_TYPES, file.mimetype)),
});

app.post('/profile/avatar', upload.single('avatar'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'no file' });
  res.json({ url: `/avatars/${req.file.filename}` });
});

app.listen(3000);
