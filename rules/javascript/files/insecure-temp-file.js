const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { execFile } = require('child_process');

// Convert an uploaded document to PDF through a temp file.
async function convertToPdf(buffer) {
  const input = path.join(os.tmpdir(), 'upload.docx');
  // ruleid: javascript.insecure-temp-file
  await fsp.writeFile(input, buffer);
  await new Promise((resolve, reject) => execFile('soffice', ['--headless', '--convert-to', 'pdf', input], (e) => (e ? reject(e) : resolve())));
  return fsp.readFile(input.replace(/\.docx$/, '.pdf'));
}

function cacheToken(token) {
  // ruleid: javascript.insecure-temp-file
  fs.writeFileSync('/tmp/myapp-token.json', JSON.stringify({ token }));
}

function exportCsv(rows, userId) {
  // ruleid: javascript.insecure-temp-file
  const out = fs.createWriteStream(`/tmp/export-${userId}.csv`);
  rows.forEach((r) => out.write(r.join(',') + '\n'));
  out.end();
}

function logPid() {
  // ruleid: javascript.insecure-temp-file
  fs.writeFileSync(path.join(os.tmpdir(), `worker-${process.pid}.pid`), String(process.pid));
}

// A path kept in a module-level constant and written inside a function.
const LOCK_FILE = path.join(os.tmpdir(), 'myapp.lock');
function lock() {
  // ruleid: javascript.insecure-temp-file
  fs.writeFileSync(LOCK_FILE, String(process.pid));
}

// A private directory, or a random name, is the fix.
async function convertToPdfSafe(buffer) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'convert-'));
  const input = path.join(dir, 'upload.docx');
  // ok: javascript.insecure-temp-file
  await fsp.writeFile(input, buffer, { mode: 0o600 });
  return input;
}

function scratchFile(data) {
  const file = path.join(os.tmpdir(), `scratch-${crypto.randomUUID()}.bin`);
  // ok: javascript.insecure-temp-file
  fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
  return file;
}

// Files in the app's own data directory.
function saveState(state) {
  // ok: javascript.insecure-temp-file
  fs.writeFileSync(path.join(__dirname, 'data', 'state.json'), JSON.stringify(state));
}

module.exports = { lock, convertToPdf, cacheToken, exportCsv, logPid, convertToPdfSafe, scratchFile, saveState };
