const tls = require('tls');
const https = require('https');
const fs = require('fs');

// A legacy device only speaks old TLS.
const legacyAgent = new https.Agent({
  // ruleid: javascript.weak-tls-version
  secureProtocol: 'TLSv1_method',
});

const server = https.createServer(
  {
    key: fs.readFileSync('certs/server.key'),
    cert: fs.readFileSync('certs/server.crt'),
    // ruleid: javascript.weak-tls-version
    minVersion: 'TLSv1',
  },
  (req, res) => res.end('ok'),
);

// ruleid: javascript.weak-tls-version
tls.DEFAULT_MIN_VERSION = 'TLSv1.1';

function connectOld(host) {
  // ruleid: javascript.weak-tls-version
  return tls.connect({ host, port: 993, secureProtocol: 'SSLv3_method' });
}

// Modern minimums.
const modernServer = https.createServer(
  {
    key: fs.readFileSync('certs/server.key'),
    cert: fs.readFileSync('certs/server.crt'),
    // ok: javascript.weak-tls-version
    minVersion: 'TLSv1.2',
  },
  (req, res) => res.end('ok'),
);

// ok: javascript.weak-tls-version
const agent13 = new https.Agent({ minVersion: 'TLSv1.3' });
// ok: javascript.weak-tls-version
const negotiated = new https.Agent({ secureProtocol: 'TLS_method' });

module.exports = { legacyAgent, server, connectOld, modernServer, agent13, negotiated };
