const crypto = require('crypto');
const CryptoJS = require('crypto-js');

const ALGORITHM = 'aes-256-gcm';
const ENCRYPTION_KEY = '12345678901234567890123456789012';

function encrypt(text) {
  const iv = crypto.randomBytes(12);
  // ruleid: javascript.cipher-hardcoded-key
  const cipher = crypto.createCipheriv(ALGORITHM, ENCRYPTION_KEY, iv);
  const encrypted = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64');
}

function decrypt(payload) {
  const data = Buffer.from(payload, 'base64');
  const iv = data.subarray(0, 12);
  const tag = data.subarray(12, 28);
  // ruleid: javascript.cipher-hardcoded-key
  const decipher = crypto.createDecipheriv(ALGORITHM, Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}

// ruleid: javascript.cipher-hardcoded-key
const key = crypto.scryptSync('my secret password', 'salt', 32);

function encryptNote(note) {
  // ruleid: javascript.cipher-hardcoded-key
  return CryptoJS.AES.encrypt(note, 'secret key 123').toString();
}

function signPayload(body) {
  // ruleid: javascript.cipher-hardcoded-key
  return CryptoJS.HmacSHA256(JSON.stringify(body), 'webhook-signing-key').toString();
}

// Keys from the environment or a key service are the safe pattern.
const DATA_KEY = Buffer.from(process.env.DATA_KEY, 'base64');

function encryptSafe(text) {
  const iv = crypto.randomBytes(12);
  // ok: javascript.cipher-hardcoded-key
  const cipher = crypto.createCipheriv('aes-256-gcm', DATA_KEY, iv);
  return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

function deriveKey(password, salt) {
  // ok: javascript.cipher-hardcoded-key
  const derived = crypto.scryptSync(password, salt, 32);
  return derived;
}

function encryptNoteSafe(note, userKey) {
  // ok: javascript.cipher-hardcoded-key
  return CryptoJS.AES.encrypt(note, userKey).toString();
}

// A literal that is not a key (the IV prefix of a format) is not reported.
// ok: javascript.cipher-hardcoded-key
const header = Buffer.from('v1:', 'utf8');

module.exports = { encrypt, decrypt, encryptNote, signPayload, encryptSafe, deriveKey, encryptNoteSafe, key, header };
