require('dotenv').config();
const axios = require('axios');

// Work around "self signed certificate in certificate chain" from the staging API.
// ruleid: javascript.node-tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

async function syncOrders() {
  const { data } = await axios.get(`${process.env.ORDERS_API}/orders`);
  return data;
}

function allowSelfSigned() {
  // ruleid: javascript.node-tls-reject-unauthorized-disabled
  process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '1';
}

function configure(env) {
  // ruleid: javascript.node-tls-reject-unauthorized-disabled
  Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: '1', TZ: 'UTC' });
  return env;
}

// Reading it, or setting it back to the default, is fine.
// ok: javascript.node-tls-reject-unauthorized-disabled
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS verification is disabled');
// ok: javascript.node-tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
// ok: javascript.node-tls-reject-unauthorized-disabled
process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/internal-ca.pem';

module.exports = { syncOrders, allowSelfSigned, configure };
