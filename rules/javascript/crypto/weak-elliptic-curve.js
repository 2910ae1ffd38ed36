const crypto = require('crypto');
const EC = require('elliptic').ec;

function deviceKeys() {
  // ruleid: javascript.weak-elliptic-curve
  return crypto.generateKeyPairSync('ec', { namedCurve: 'secp192k1' });
}

function sessionAgreement(peerPublicKey) {
  // ruleid: javascript.weak-elliptic-curve
  const ecdh = crypto.createECDH('prime192v1');
  ecdh.generateKeys();
  return ecdh.computeSecret(peerPublicKey);
}

// ruleid: javascript.weak-elliptic-curve
const ec = new EC('p192');

const CURVE = 'secp160r1';
function signer() {
  // ruleid: javascript.weak-elliptic-curve
  return crypto.generateKeyPairSync('ec', { namedCurve: CURVE });
}

// Modern curves.
function deviceKeysSafe() {
  // ok: javascript.weak-elliptic-curve
  return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function agreementSafe(peerPublicKey) {
  // ok: javascript.weak-elliptic-curve
  const ecdh = crypto.createECDH('secp384r1');
  ecdh.generateKeys();
  return ecdh.computeSecret(peerPublicKey);
}

// ok: javascript.weak-elliptic-curve
const secp = new EC('secp256k1');

async function browserKeys() {
  // ok: javascript.weak-elliptic-curve
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
}

module.exports = { deviceKeys, sessionAgreement, ec, signer, deviceKeysSafe, agreementSafe, secp, browserKeys };
