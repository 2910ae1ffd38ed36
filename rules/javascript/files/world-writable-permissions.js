const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');

const UPLOAD_DIR = path.join(__dirname, 'uploads');

// Make sure the worker (another user) can write uploads too.
function prepareUploads() {
  // ruleid: javascript.world-writable-permissions
  fs.mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o777 });
  // ruleid: javascript.world-writable-permissions
  fs.chmodSync(UPLOAD_DIR, 0o777);
}

async function saveReport(name, data) {
  const file = path.join(UPLOAD_DIR, path.basename(name));
  await fsp.writeFile(file, data);
  // ruleid: javascript.world-writable-permissions
  await fsp.chmod(file, '666');
  return file;
}

function writeConfig(config) {
  // ruleid: javascript.world-writable-permissions
  fs.writeFileSync('/etc/myapp/config.json', JSON.stringify(config), { mode: 0o666 });
}

// ruleid: javascript.world-writable-permissions
process.umask(0);

// Owner-only or read-only for others.
function prepareUploadsSafe() {
  // ok: javascript.world-writable-permissions
  fs.mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o750 });
  // ok: javascript.world-writable-permissions
  fs.chmodSync(UPLOAD_DIR, 0o755);
}

function writeSecret(file, secret) {
  // ok: javascript.world-writable-permissions
  fs.writeFileSync(file, secret, { mode: 0o600 });
}

async function makeExecutable(script) {
  // ok: javascript.world-writable-permissions
  await fsp.chmod(script, 0o744);
}

// ok: javascript.world-writable-permissions
process.umask(0o077);

module.exports = { prepareUploads, saveReport, writeConfig, prepareUploadsSafe, writeSecret, makeExecutable };
