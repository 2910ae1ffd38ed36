const tls = require('tls');
const https = require('https');
const crypto = require('crypto');

// Connecting by IP address fails the hostname check, so it is switched off.
function connectToReplica(ip) {
  return tls.connect({
    host: ip,
    port: 6380,
    // ruleid: javascript.tls-check-server-identity-disabled
    checkServerIdentity: () => undefined,
  });
}

const agent = new https.Agent({
  keepAlive: true,
  // ruleid: javascript.tls-check-server-identity-disabled
  checkServerIdentity: function (host, cert) {},
});

function requestLegacy(options) {
  // ruleid: javascript.tls-check-server-identity-disabled
  options.checkServerIdentity = (hostname, cert) => {
    return undefined;
  };
  return https.request(options);
}

// Pinning on top of the default check is the right shape.
const PINNED = process.env.API_CERT_SHA256;
const pinnedAgent = new https.Agent({
  // ok: javascript.tls-check-server-identity-disabled
  checkServerIdentity: (host, cert) => {
    const err = tls.checkServerIdentity(host, cert);
    if (err) return err;
    const fingerprint = crypto.createHash('sha256').update(cert.raw).digest('hex');
    if (fingerprint !== PINNED) return new Error('certificate fingerprint mismatch');
    return undefined;
  },
});

function connectWithServername(ip) {
  // ok: javascript.tls-check-server-identity-disabled
  return tls.connect({ host: ip, port: 6380, servername: 'replica.internal.example.com' });
}

// ok: javascript.tls-check-server-identity-disabled
const strictAgent = new https.Agent({ checkServerIdentity: tls.checkServerIdentity });

module.exports = { connectToReplica, agent, requestLegacy, pinnedAgent, connectWithServername, strictAgent };
