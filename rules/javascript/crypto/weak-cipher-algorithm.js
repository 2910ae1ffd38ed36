const crypto = require('crypto');
const CryptoJS = require('crypto-js');

const KEY = Buffer.from(process.env.CARD_KEY, 'hex');

function encryptCardNumber(cardNumber) {
  const iv = crypto.randomBytes(8);
  // ruleid: javascript.weak-cipher-algorithm
  const cipher = crypto.createCipheriv('des-ede3-cbc', KEY.subarray(0, 24), iv);
  return iv.toString('hex') + cipher.update(cardNumber, 'utf8', 'hex') + cipher.final('hex');
}

function encryptBlock(data) {
  // ruleid: javascript.weak-cipher-algorithm
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

const STREAM_ALGORITHM = 'rc4';
function obfuscate(data) {
  // ruleid: javascript.weak-cipher-algorithm
  const cipher = crypto.createCipheriv(STREAM_ALGORITHM, KEY, '');
  return cipher.update(data);
}

function legacyEncrypt(message, key) {
  // ruleid: javascript.weak-cipher-algorithm
  return CryptoJS.TripleDES.encrypt(message, key).toString();
}

function ecbEncrypt(message, key) {
  return CryptoJS.AES.encrypt(message, key, {
    // ruleid: javascript.weak-cipher-algorithm
    mode: CryptoJS.mode.ECB,
    padding: CryptoJS.pad.Pkcs7,
  }).toString();
}

// Authenticated encryption is the fix.
function encryptSafe(data) {
  const iv = crypto.randomBytes(12);
  // ok: javascript.weak-cipher-algorithm
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const out = Buffer.concat([cipher.update(data), cipher.final()]);
  return { iv, out, tag: cipher.getAuthTag() };
}

function encryptChaCha(data) {
  const nonce = crypto.randomBytes(12);
  // ok: javascript.weak-cipher-algorithm
  const cipher = crypto.createCipheriv('chacha20-poly1305', KEY, nonce, { authTagLength: 16 });
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encryptCbc(message, key) {
  // ok: javascript.weak-cipher-algorithm
  return CryptoJS.AES.encrypt(message, key, { mode: CryptoJS.mode.CBC, iv: CryptoJS.lib.WordArray.random(16) }).toString();
}

// A name that only contains "des" is not DES.
const DESCRIPTION_ALGO = 'aes-128-cbc';
function encryptDesc(data, iv) {
  // ok: javascript.weak-cipher-algorithm
  return crypto.createCipheriv(DESCRIPTION_ALGO, KEY.subarray(0, 16), iv).update(data);
}

module.exports = { encryptCardNumber, encryptBlock, obfuscate, legacyEncrypt, ecbEncrypt, encryptSafe, encryptChaCha, encryptCbc, encryptDesc };
