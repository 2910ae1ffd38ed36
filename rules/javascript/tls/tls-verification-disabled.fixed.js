const https = require('https');
const tls = require('tls');
const axios = require('axios');
const fetch = require('node-fetch');
const fs = require('fs');

// Internal API with a self-signed certificate.
const insecureAgent = new https.Agent({
  keepAlive: true,
  // ruleid: javascript.tls-verification-disabled
  rejectUnauthorized: true,
});

async function getInventory() {
  const res = await axios.get('https://inventory.internal/api/items', { httpsAgent: insecureAgent });
  return res.data;
}

function connectToBroker(host, port) {
  // ruleid: javascript.tls-verification-disabled
  return tls.connect({ host, port, rejectUnauthorized: true }, () => console.log('connected'));
}

const client = axios.create({
  baseURL: 'https://payments.example.com',
  // ruleid: javascript.tls-verification-disabled
  httpsAgent: new https.Agent({ rejectUnauthorized: true }),
});

async function fetchReport(url) {
  const agent = new https.Agent();
  // ruleid: javascript.tls-verification-disabled
  agent.options.rejectUnauthorized = true;
  const res = await fetch(url, { agent });
  return res.json();
}

// Verification on, with the private CA supplied.
const trustedAgent = new https.Agent({
  ca: fs.readFileSync('certs/internal-ca.pem'),
  // ok: javascript.tls-verification-disabled
  rejectUnauthorized: true,
});

function connectSafe(host, port) {
  // ok: javascript.tls-verification-disabled
  return tls.connect({ host, port, ca: fs.readFileSync('certs/broker-ca.pem') });
}

// A setting that depends on configuration is not a literal off switch.
const configuredAgent = new https.Agent({
  // ok: javascript.tls-verification-disabled
  rejectUnauthorized: process.env.NODE_ENV === 'production',
});

// ok: javascript.tls-verification-disabled
const options = { secure: false, verifyHost: false };

module.exports = { getInventory, connectToBroker, client, fetchReport, trustedAgent, connectSafe, configuredAgent, options };
