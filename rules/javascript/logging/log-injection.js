const express = require('express');
const winston = require('winston');

const app = express();
app.use(express.json());
const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });

function clean(value) {
  return String(value).replace(/[\r\n\u001b]/g, '');
}

app.post('/login', async (req, res) => {
  const { username } = req.body;
  const ok = await checkPassword(username, req.body.password);
  if (!ok) {
    // ruleid: javascript.log-injection
    console.warn(`Failed login for user ${username}`);
    return res.status(401).json({ error: 'invalid credentials' });
  }
  // ok: javascript.log-injection
  console.info(`Successful login for user ${clean(username)}`);
  res.json({ ok: true });
});

app.get('/search', (req, res) => {
  // ruleid: javascript.log-injection
  logger.info('search query: ' + req.query.q);
  // ok: javascript.log-injection
  logger.info('search query', { q: req.query.q });
  res.json([]);
});

app.post('/webhooks/:source', (req, res) => {
  // ruleid: javascript.log-injection
  logger.warn(`webhook from ${req.params.source} with event ${req.body.event}`);
  // ok: javascript.log-injection
  console.log('webhook payload', JSON.stringify(req.body));
  res.sendStatus(202);
});

app.get('/health', (req, res) => {
  // ok: javascript.log-injection
  console.log('health check at', new Date().toISOString());
  res.send('ok');
});

async function checkPassword(user, password) {
  return Boolean(user && password);
}

app.listen(3000);
