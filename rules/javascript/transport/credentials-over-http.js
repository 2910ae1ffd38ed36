const axios = require('axios');
const fetch = require('node-fetch');

const API_USER = process.env.LEGACY_API_USER;
const API_PASS = process.env.LEGACY_API_PASS;

async function fetchInvoices() {
  // ruleid: javascript.credentials-over-http
  const res = await axios.get('http://billing.example.com/api/invoices', {
    auth: { username: API_USER, password: API_PASS },
  });
  return res.data;
}

async function pushMetrics(metrics) {
  // ruleid: javascript.credentials-over-http
  return fetch('http://metrics.example.com/push', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.METRICS_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(metrics),
  });
}

// ruleid: javascript.credentials-over-http
const BROKER_URL = 'http://admin:s3cretpass@rabbit.internal.example.com:15672/api';

async function createOrder(order) {
  // ruleid: javascript.credentials-over-http
  return axios.post('http://orders.example.com/v1/orders', order, { headers: { 'x-api-key': process.env.ORDERS_KEY } });
}

// HTTPS, or a local development server, is fine.
async function fetchInvoicesSafe() {
  // ok: javascript.credentials-over-http
  const res = await axios.get('https://billing.example.com/api/invoices', { auth: { username: API_USER, password: API_PASS } });
  return res.data;
}

async function localDev() {
  // ok: javascript.credentials-over-http
  return fetch('http://localhost:3000/api/me', { headers: { Authorization: `Bearer ${process.env.DEV_TOKEN}` } });
}

// ok: javascript.credentials-over-http
const DB_URL = 'postgres://app:app@localhost:5432/app';

async function publicData() {
  // ok: javascript.credentials-over-http
  return axios.get('http://data.example.com/public/stats.json', { timeout: 5000 });
}

module.exports = { fetchInvoices, pushMetrics, BROKER_URL, createOrder, fetchInvoicesSafe, localDev, DB_URL, publicData };
