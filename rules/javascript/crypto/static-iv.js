const crypto = require('crypto');
const CryptoJS = require('crypto-js');

const KEY = Buffer.from(process.env.ENCRYPTION_KEY, 'hex');
const IV = Buffer.alloc(16, 0);

function encrypt(text) {
  // ruleid: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, IV);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function encryptToken(token) {
  const iv = Buffer.from('1234567890123456');
  // ruleid: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, iv);
  return cipher.update(token, 'utf8', 'base64') + cipher.final('base64');
}

function encryptWithDerivedIv(text, secret) {
  const iv = crypto.createHash('sha256').update(String(secret)).digest().subarray(0, 16);
  // ruleid: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, iv);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function encryptNote(note, key) {
  return CryptoJS.AES.encrypt(note, key, {
    // ruleid: javascript.static-iv
    iv: CryptoJS.enc.Utf8.parse('abcdefghijklmnop'),
    mode: CryptoJS.mode.CBC,
  }).toString();
}

async function encryptInBrowser(key, data) {
  // ruleid: javascript.static-iv
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);
}

const INIT_VECTOR = 'a1b2c3d4e5f6g7h8';
function encryptLegacy(text) {
  // ruleid: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-128-cbc', KEY.subarray(0, 16), INIT_VECTOR);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

// A fresh random IV per message is the fix.
function encryptSafe(text) {
  const iv = crypto.randomBytes(16);
  // ok: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, iv);
  return iv.toString('hex') + ':' + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function decryptSafe(payload) {
  const [ivHex, data] = payload.split(':');
  // ok: javascript.static-iv
  const decipher = crypto.createDecipheriv('aes-256-cbc', KEY, Buffer.from(ivHex, 'hex'));
  return decipher.update(data, 'hex', 'utf8') + decipher.final('utf8');
}

function encryptFilled(text) {
  const iv = Buffer.alloc(12);
  crypto.randomFillSync(iv);
  // ok: javascript.static-iv
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

async function encryptInBrowserSafe(key, data) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // ok: javascript.static-iv
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data) };
}

module.exports = { encrypt, encryptToken, encryptWithDerivedIv, encryptNote, encryptInBrowser, encryptSafe, decryptSafe, encryptFilled, encryptInBrowserSafe };
