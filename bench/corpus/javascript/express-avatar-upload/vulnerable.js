// Profile pictures: stored in the public folder and served as static files.
const express = require('express');
const multer = require('multer');
const path = require('path');

const app = express();
const PUBLIC_AVATARS = path.join(__dirname, 'public', 'avatars');
app.use('/avatars', express.static(PUBLIC_AVATARS));

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, PUBLIC_AVATARS),
  filename: (req, file, cb) => cb(null, file.originalname), // bench: vuln CWE-434
});

const upload = multer({ storage }); // bench: vuln CWE-434

app.post('/profile/avatar', upload.single('avatar'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'no file' });
  res.json({ url: `/avatars/${req.file.filename}` });
});

app.listen(3000);
