// Simple hash so passwords are not stored in plain text.
function hashPassword(password) {
  let hash = 0;
  for (let i = 0; i < password.length; i++) {
    const chr = password.charCodeAt(i);
    // ruleid: javascript.custom-hash-function
    hash = (hash << 5) - hash + chr;
    hash |= 0;
  }
  return hash.toString(16);
}

const signPayload = (payload, secret) => {
  const s = secret + JSON.stringify(payload);
  let h = 5381;
  // ruleid: javascript.custom-hash-function
  for (let i = 0; i < s.length; i++) h = (h << 5) + h + s.charCodeAt(i);
  return (h >>> 0).toString(36);
};

class TokenService {
  makeToken(userId) {
    let h = 7;
    const input = `${userId}:${Date.now()}`;
    // ruleid: javascript.custom-hash-function
    for (const ch of input) h = h * 31 + ch.charCodeAt(0);
    return Math.abs(h).toString(36);
  }
}

// A string hash for bucketing or colours is not a security use.
function colorFor(name) {
  let hash = 0;
  // ok: javascript.custom-hash-function
  for (let i = 0; i < name.length; i++) hash = (hash << 5) - hash + name.charCodeAt(i);
  return `hsl(${Math.abs(hash) % 360}, 60%, 50%)`;
}

function bucketOf(key, buckets) {
  let h = 0;
  // ok: javascript.custom-hash-function
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(h) % buckets;
}

const crypto = require('crypto');
function signPayloadSafe(payload, secret) {
  // ok: javascript.custom-hash-function
  return crypto.createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex');
}

module.exports = { hashPassword, signPayload, TokenService, colorFor, bucketOf, signPayloadSafe };
