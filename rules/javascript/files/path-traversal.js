const express = require('express');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');
const REPORTS_DIR = path.resolve(__dirname, 'reports');

app.get('/avatars/:file', (req, res) => {
  const file = path.join(UPLOAD_DIR, req.params.file);
  // ruleid: javascript.path-traversal
  fs.readFile(file, (err, data) => {
    if (err) return res.sendStatus(404);
    res.type('png').send(data);
  });
});

app.get('/avatars-safe/:file', (req, res) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.file));
  // ok: javascript.path-traversal
  fs.readFile(file, (err, data) => {
    if (err) return res.sendStatus(404);
    res.type('png').send(data);
  });
});

app.get('/download', (req, res) => {
  // ruleid: javascript.path-traversal
  res.download(path.join(REPORTS_DIR, req.query.name));
});

app.get('/reports/:name', async (req, res) => {
  const target = path.resolve(REPORTS_DIR, req.params.name);
  if (!target.startsWith(REPORTS_DIR + path.sep)) {
    return res.status(403).send('forbidden');
  }
  // ok: javascript.path-traversal
  const content = await fsp.readFile(target, 'utf8');
  res.type('text/plain').send(content);
});

app.get('/files', (req, res) => {
  // ok: javascript.path-traversal
  res.sendFile(req.query.name, { root: UPLOAD_DIR });
});

app.get('/docs', (req, res) => {
  // ruleid: javascript.path-traversal
  res.sendFile(path.join(__dirname, 'docs', req.query.page + '.html'));
});

app.delete('/uploads/:name', async (req, res) => {
  // ruleid: javascript.path-traversal
  await fsp.unlink(`${UPLOAD_DIR}/${req.params.name}`);
  res.sendStatus(204);
});

app.post('/notes', express.json(), (req, res) => {
  const { title, body } = req.body;
  const file = path.join(__dirname, 'notes', `${title}.md`);
  // ruleid: javascript.path-traversal
  fs.writeFileSync(file, body);
  res.sendStatus(201);
});

app.get('/static-config', (req, res) => {
  // ok: javascript.path-traversal
  const config = fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8');
  res.json(JSON.parse(config));
});

app.listen(3000);

// A command-line tool reads the file its own user names: no trust boundary is crossed.
function main() {
  const input = process.argv[2];
  // ok: javascript.path-traversal
  const text = fs.readFileSync(input, 'utf8');
  process.stdout.write(text.toUpperCase());
}

main();
