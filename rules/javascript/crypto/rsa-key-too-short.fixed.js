const crypto = require('crypto');
const forge = require('node-forge');
const NodeRSA = require('node-rsa');

// Key pair for signing license files.
function createSigningKeys() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    // ruleid: javascript.rsa-key-too-short
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

function createCertificateKeys() {
  // ruleid: javascript.rsa-key-too-short
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  return { keys, cert };
}

// ruleid: javascript.rsa-key-too-short
const key = new NodeRSA({ b: 2048 });

function dhExchange() {
  // ruleid: javascript.rsa-key-too-short
  const alice = crypto.createDiffieHellman(2048);
  return alice.generateKeys();
}

async function browserKeys() {
  return crypto.subtle.generateKey(
    // ruleid: javascript.rsa-key-too-short
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  );
}

// Long enough keys, or elliptic curves.
function createSigningKeysSafe() {
  // ok: javascript.rsa-key-too-short
  return crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
}

function createCertificateKeysSafe() {
  // ok: javascript.rsa-key-too-short
  return forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
}

function edKeys() {
  // ok: javascript.rsa-key-too-short
  return crypto.generateKeyPairSync('ed25519');
}

const bits = Number(process.env.RSA_BITS || 4096);
function configured() {
  // ok: javascript.rsa-key-too-short
  return crypto.generateKeyPairSync('rsa', { modulusLength: bits });
}

module.exports = { createSigningKeys, createCertificateKeys, key, dhExchange, browserKeys, createSigningKeysSafe, createCertificateKeysSafe, edKeys, configured };
