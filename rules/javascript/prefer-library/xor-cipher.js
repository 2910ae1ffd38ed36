// "Encrypt" API keys before storing them in localStorage.
const SECRET = process.env.APP_OBFUSCATION_KEY || 'k3y';

function encrypt(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    // ruleid: javascript.xor-cipher
    out += String.fromCharCode(text.charCodeAt(i) ^ SECRET.charCodeAt(i % SECRET.length));
  }
  return Buffer.from(out, 'binary').toString('base64');
}

function xorBuffer(data, key) {
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    // ruleid: javascript.xor-cipher
    out[i] = data[i] ^ key[i % key.length];
  }
  return out;
}

function scramble(str, secretKey) {
  // ruleid: javascript.xor-cipher
  return [...str].map((c, i) => String.fromCharCode(c.charCodeAt(0) ^ secretKey)).join('');
}

// Real encryption.
const crypto = require('crypto');
function encryptSafe(text, key) {
  const iv = crypto.randomBytes(12);
  // ok: javascript.xor-cipher
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// XOR in checksums, hashing and bit flags is not a cipher.
function checksum(buf) {
  let sum = 0;
  // ok: javascript.xor-cipher
  for (const b of buf) sum = (sum ^ b) & 0xff;
  return sum;
}

function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  // ok: javascript.xor-cipher
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function toggle(flags, mask) {
  // ok: javascript.xor-cipher
  return flags ^ mask;
}

function unmask(payload, mask) {
  // WebSocket frame masking (RFC 6455) XORs with a 4-byte mask by design.
  // ok: javascript.xor-cipher
  for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
  return payload;
}

module.exports = { encrypt, xorBuffer, scramble, encryptSafe, checksum, constantTimeEqual, toggle, unmask };
