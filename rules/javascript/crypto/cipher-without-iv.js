const crypto = require('crypto');
const { createCipher } = require('crypto');

const SECRET = process.env.APP_SECRET;

function encrypt(text) {
  // ruleid: javascript.cipher-without-iv
  const cipher = crypto.createCipher('aes-256-cbc', SECRET);
  let encrypted = cipher.update(text, 'utf8', 'hex');
  encrypted += cipher.final('hex');
  return encrypted;
}

function decrypt(encrypted) {
  // ruleid: javascript.cipher-without-iv
  const decipher = crypto.createDecipher('aes-256-cbc', SECRET);
  let decrypted = decipher.update(encrypted, 'hex', 'utf8');
  decrypted += decipher.final('utf8');
  return decrypted;
}

function encryptCookie(value) {
  // ruleid: javascript.cipher-without-iv
  const c = createCipher('aes192', SECRET);
  return c.update(value, 'utf8', 'base64') + c.final('base64');
}

// The replacement: a real key and a random IV per message.
const KEY = Buffer.from(process.env.DATA_KEY, 'base64');

function encryptSafe(text) {
  const iv = crypto.randomBytes(12);
  // ok: javascript.cipher-without-iv
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

function decryptSafe(payload) {
  const raw = Buffer.from(payload, 'base64');
  // ok: javascript.cipher-without-iv
  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

// A different library's createCipher (node-forge) takes a key, not a password.
const forge = require('node-forge');
function forgeEncrypt(key, iv, bytes) {
  // ok: javascript.cipher-without-iv
  const cipher = forge.cipher.createCipher('AES-GCM', key);
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(bytes));
  cipher.finish();
  return cipher.output.getBytes();
}

module.exports = { encrypt, decrypt, encryptCookie, encryptSafe, decryptSafe, forgeEncrypt };
