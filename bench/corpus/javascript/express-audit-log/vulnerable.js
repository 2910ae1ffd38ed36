// Authentication endpoints with an audit trail in a plain-text log file.
const express = require('express');
const winston = require('winston');
const { verifyPassword } = require('./users');

const app = express();
app.use(express.json());

const audit = winston.createLogger({
  format: winston.format.printf(({ level, message }) => `${new Date().toISOString()} ${level} ${message}`),
  transports: [new winston.transports.File({ filename: 'audit.log' })],
});

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const ok = await verifyPassword(username, password);
  if (!ok) {
    audit.warn(`login failed for ${username} from ${req.ip}`); // bench: vuln CWE-117
    return res.status(401).json({ error: 'invalid credentials' });
  }
  audit.info(`login ok for ${username} from ${req.ip}`); // bench: vuln CWE-117
  res.json({ ok: true });
});

app.listen(3000);
