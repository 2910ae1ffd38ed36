// Encrypts uploaded documents before they are written to disk.
const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');

const ALGORITHM = 'aes-256-gcm';
const KEY = Buffer.from(process.env.DOCUMENT_KEY || '', 'base64'); // bench: safe CWE-321
if (KEY.length !== 32) throw new Error('DOCUMENT_KEY must be 32 bytes, base64-encoded');

const STORAGE_DIR = path.join(__dirname, 'storage');

async function saveEncrypted(docId, plaintext) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(ALGORITHM, KEY, iv); // bench: safe CWE-329
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  await fs.mkdir(STORAGE_DIR, { recursive: true });
  await fs.writeFile(path.join(STORAGE_DIR, `${docId}.bin`), Buffer.concat([iv, cipher.getAuthTag(), encrypted]));
}

async function loadDecrypted(docId) {
  const data = await fs.readFile(path.join(STORAGE_DIR, `${docId}.bin`));
  const decipher = crypto.createDecipheriv(ALGORITHM, KEY, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
}

module.exports = { saveEncrypted, loadDecrypted };
