const express = require('express');
const { exec, execSync, execFile, spawn } = require('child_process');
const util = require('util');
const { quote } = require('shell-quote');

const app = express();
const run = util.promisify(exec);

app.post('/thumbnail', async (req, res) => {
  const { file, size } = req.body;
  // ruleid: javascript.shell-command-built-from-strings
  await run(`convert uploads/${file} -resize ${size} thumbs/${file}`);
  res.json({ ok: true });
});

function gitClone(repoUrl, dir) {
  // ruleid: javascript.shell-command-built-from-strings
  execSync('git clone ' + repoUrl + ' ' + dir, { stdio: 'inherit' });
}

function archive(name, cb) {
  // ruleid: javascript.shell-command-built-from-strings
  exec(`tar czf backups/${name}.tgz data/`, cb);
}

function ping(host) {
  // ruleid: javascript.shell-command-built-from-strings
  return spawn(`ping -c 1 ${host}`, { shell: true });
}

// Argument arrays, no shell.
app.post('/thumbnail-safe', (req, res) => {
  const { file, size } = req.body;
  // ok: javascript.shell-command-built-from-strings
  execFile('convert', [`uploads/${file}`, '-resize', String(size), `thumbs/${file}`], (err) => res.json({ ok: !err }));
});

function gitCloneSafe(repoUrl, dir) {
  // ok: javascript.shell-command-built-from-strings
  return spawn('git', ['clone', '--', repoUrl, dir], { stdio: 'inherit' });
}

// Constant commands.
const BUILD_DIR = 'dist';
function clean() {
  // ok: javascript.shell-command-built-from-strings
  execSync(`rm -rf ${BUILD_DIR}`);
  // ok: javascript.shell-command-built-from-strings
  execSync('npm run build');
}

function quoted(file) {
  // ok: javascript.shell-command-built-from-strings
  exec(`wc -l ${quote([file])}`);
}

module.exports = { app, gitClone, archive, ping, gitCloneSafe, clean, quoted };
