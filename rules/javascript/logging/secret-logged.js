const express = require('express');
const winston = require('winston');

const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: javascript.secret-logged
  console.log(`Login attempt for ${email} with password ${password}`);
  const user = await authenticate(email, password);
  if (!user) return res.status(401).end();
  const token = issueToken(user);
  // ruleid: javascript.secret-logged
  logger.info('issued token', { userId: user.id, token });
  res.json({ token });
});

app.use((req, res, next) => {
  // ruleid: javascript.secret-logged
  logger.debug('incoming request', { path: req.path, auth: req.headers.authorization });
  next();
});

async function callPartner(apiKey, payload) {
  // ruleid: javascript.secret-logged
  console.log('calling partner API with key', apiKey);
  return fetch('https://partner.example.com/v1/orders', { method: 'POST', headers: { 'x-api-key': apiKey }, body: JSON.stringify(payload) });
}

// Logging that something happened, without the value, is fine.
app.post('/reset', async (req, res) => {
  const { email, newPassword } = req.body;
  // ok: javascript.secret-logged
  logger.info('password reset requested', { email });
  // ok: javascript.secret-logged
  console.log('password provided:', !!newPassword, 'length ok:', newPassword.length >= 12);
  res.end();
});

function logKey(apiKey) {
  // ok: javascript.secret-logged
  console.log(`using API key ending in ${apiKey.slice(-4)}`);
  // ok: javascript.secret-logged
  logger.warn('token expired', { userId: 42, tokenExpiresAt: new Date() });
  // ok: javascript.secret-logged
  console.error('Invalid password for user', 'alice');
}

module.exports = { app, callPartner, logKey };
