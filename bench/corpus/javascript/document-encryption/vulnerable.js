// Encrypts uploaded documents before they are written to disk.
const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');

const ALGORITHM = 'aes-256-cbc';
const KEY = Buffer.from('0123456789abcdef0123456789abcdef'); // bench: vuln CWE-321
const IV = Buffer.alloc(16, 0);

const STORAGE_DIR = path.join(__dirname, 'storage');

async function saveEncrypted(docId, plaintext) {
  const cipher = crypto.createCipheriv(ALGORITHM, KEY, IV); // bench: vuln CWE-329
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  await fs.mkdir(STORAGE_DIR, { recursive: true });
  await fs.writeFile(path.join(STORAGE_DIR, `${docId}.bin`), encrypted);
}

async function loadDecrypted(docId) {
  const data = await fs.readFile(path.join(STORAGE_DIR, `${docId}.bin`));
  const decipher = crypto.createDecipheriv(ALGORITHM, KEY, IV);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

module.exports = { saveEncrypted, loadDecrypted };
