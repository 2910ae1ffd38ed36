// Client for the internal billing service (self-signed certificate in staging).
const https = require('https');
const axios = require('axios');

const billing = axios.create({
  baseURL: process.env.BILLING_URL || 'https://billing.internal:8443',
  timeout: 10000,
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }), // bench: vuln CWE-295
  headers: { Authorization: `Bearer ${process.env.BILLING_TOKEN}` },
});

async function createInvoice(customerId, lines) {
  const { data } = await billing.post('/v1/invoices', { customerId, lines });
  return data;
}

async function getInvoice(id) {
  const { data } = await billing.get(`/v1/invoices/${encodeURIComponent(id)}`);
  return data;
}

async function listUnpaid(customerId) {
  const { data } = await billing.get('/v1/invoices', { params: { customerId, status: 'unpaid' } });
  return data.items;
}

module.exports = { createInvoice, getInvoice, listUnpaid };
