const express = require('express');
const { jwtVerify, decodeJwt, createRemoteJWKSet } = require('jose');

const app = express();

// Who is calling? Read the user id from the bearer token.
app.get('/orders', async (req, res) => {
  const token = req.headers.authorization.split(' ')[1];
  // ruleid: javascript.hand-parsed-jwt
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64').toString());
  const orders = await db.orders.find({ userId: payload.sub });
  res.json(orders);
});

// Browser helper.
function currentUser() {
  const jwt = localStorage.getItem('jwt');
  if (!jwt) return null;
  // ruleid: javascript.hand-parsed-jwt
  return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

function claimsOf(accessToken) {
  const [, payload] = accessToken.split('.');
  // ruleid: javascript.hand-parsed-jwt
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

// Verified with jose on the server.
const JWKS = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));
app.get('/orders-safe', async (req, res) => {
  const token = req.headers.authorization.split(' ')[1];
  // ok: javascript.hand-parsed-jwt
  const { payload } = await jwtVerify(token, JWKS, { algorithms: ['RS256'], issuer: 'https://auth.example.com/' });
  res.json(await db.orders.find({ userId: payload.sub }));
});

function displayName(idToken) {
  // ok: javascript.hand-parsed-jwt
  return decodeJwt(idToken).name;
}

// Splitting other dotted strings.
function majorVersion(version) {
  // ok: javascript.hand-parsed-jwt
  return Number(version.split('.')[1]);
}

function fileExtension(filename) {
  // ok: javascript.hand-parsed-jwt
  return Buffer.from(filename.split('.')[1] || '', 'utf8');
}

module.exports = { app, currentUser, claimsOf, displayName, majorVersion, fileExtension };
