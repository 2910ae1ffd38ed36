// Authentication endpoints with an audit trail in a plain-text log file.
const express = require('express');
const winston = require('winston');
const { verifyPassword } = require('./users');

const app = express();
const oneLine = (value) => String(value).replace(/[\r\n\u001b]/g, ' ');
app.use(express.json());

const audit = winston.createLogger({
  format: winston.format.printf(({ level, message }) => `${new Date().toISOString()} ${level} ${message}`),
  transports: [new winston.transports.File({ filename: 'audit.log' })],
});

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const ok = await verifyPassword(username, password);
  if (!ok) {
    audit.warn(`login failed for ${oneLine(username)} from ${req.ip}`); // bench: safe CWE-117
    return res.status(401).json({ error: 'invalid credentials' });
  }
  audit.info(`login ok for ${oneLine(username)} from ${req.ip}`); // bench: safe CWE-117
  res.json({ ok: true });
});

app.listen(3000);
