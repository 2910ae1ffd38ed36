const express = require('express');
const { exec, execSync, execFile, spawn } = require('child_process');
const util = require('util');
const path = require('path');
const shell = require('shelljs');
const multer = require('multer');

const app = express();
const upload = multer({ dest: '/var/uploads' });
const execAsync = util.promisify(exec);

app.get('/api/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: javascript.command-injection
  exec(`ping -c 3 ${host}`, (err, stdout) => {
    if (err) return res.status(500).json({ error: 'ping failed' });
    res.json({ output: stdout });
  });
});

app.post('/api/convert', upload.single('image'), async (req, res) => {
  const format = req.body.format || 'png';
  const out = path.join('/var/converted', `${Date.now()}.${format}`);
  // ruleid: javascript.command-injection
  await execAsync('convert ' + req.file.path + ' ' + out);
  res.download(out);
});

app.post('/api/thumbnail', upload.single('image'), async (req, res) => {
  const out = `/var/thumbs/${Date.now()}.png`;
  // ok: javascript.command-injection
  await execAsync(`convert ${req.file.path} -resize 128x128 ${out}`);
  res.download(out);
});

app.get('/api/branches', (req, res) => {
  const repo = req.query.repo;
  // ruleid: javascript.command-injection
  const out = execSync('git -C /srv/repos/' + repo + ' branch --list').toString();
  res.json(out.split('\n'));
});

app.get('/api/logs', (req, res) => {
  const lines = parseInt(req.query.lines, 10) || 100;
  // ok: javascript.command-injection
  const out = execSync(`tail -n ${lines} /var/log/app.log`).toString();
  res.type('text/plain').send(out);
});

app.get('/api/disk', (req, res) => {
  // ok: javascript.command-injection
  execFile('df', ['-h', req.query.mount], (err, stdout) => res.send(stdout));
});

app.get('/api/grep', (req, res) => {
  const term = req.query.q;
  // ruleid: javascript.command-injection
  const child = spawn('grep', ['-r', term, '/srv/docs'], { shell: true });
  child.stdout.pipe(res);
});

app.post('/api/run-tool', (req, res) => {
  const { tool } = req.body;
  // ruleid: javascript.command-injection
  const child = spawn(tool, ['--version']);
  child.stdout.pipe(res);
});

app.post('/api/archive', (req, res) => {
  const name = req.body.name;
  // ruleid: javascript.command-injection
  const result = shell.exec(`tar czf /backups/${name}.tgz /srv/data`);
  res.json({ code: result.code });
});

app.get('/api/uptime', (req, res) => {
  // ok: javascript.command-injection
  exec('uptime', (err, stdout) => res.send(stdout));
});

// a command-line tool: the argument is whatever the caller typed
function main() {
  const target = process.argv[2];
  // ruleid: javascript.command-injection
  execSync(`rsync -az ./dist/ ${target}`, { stdio: 'inherit' });
}

main();
app.listen(3000);
