// Orders API: an Express server, written the way an assistant writes one on request.
// Several handlers do something a security reviewer would stop; see examples/README.md.
const { exec, execFile } = require('child_process');
const fs = require('fs');
const express = require('express');
const cors = require('cors');
const jwt = require('jsonwebtoken');
const escapeHtml = require('escape-html');

const app = express();
app.use(express.json());

app.use(
  cors({
    origin: '*',
    credentials: true,
  }),
);

const JWT_SECRET = 'orders-api-jwt-signing-secret-2024';
const partnerPublicKey = fs.readFileSync('keys/partner-public.pem');

app.post('/login', (req, res) => {
  const { username } = req.body;
  const token = jwt.sign({ sub: username, role: 'customer' }, JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

function requireUser(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256', 'none'] });
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function requirePartner(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.partner = jwt.verify(token, partnerPublicKey);
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

app.get('/search', (req, res) => {
  const q = req.query.q;
  res.send(`<h1>Results for ${q}</h1><p>No orders found.</p>`);
});

app.get('/search-safe', (req, res) => {
  // every value escaped where it goes into the HTML: safe
  res.send(`<h1>Results for ${escapeHtml(String(req.query.q))}</h1><p>No orders found.</p>`);
});

app.get('/orders/:id/label', requireUser, (req, res) => {
  const { format } = req.query;
  exec(`convert label-${req.params.id}.svg label.${format}`, (err, stdout) => {
    if (err) return res.status(500).json({ error: 'conversion failed' });
    res.download(`label.${format}`);
  });
});

app.get('/orders/:id/archive', requireUser, (req, res) => {
  // no shell, arguments passed as a list: safe
  execFile('tar', ['-czf', 'orders.tgz', '--', `orders/${Number(req.params.id)}`], (err) => {
    if (err) return res.status(500).json({ error: 'archive failed' });
    res.download('orders.tgz');
  });
});

app.post('/discount', requireUser, (req, res) => {
  // lets shop owners write discount formulas like "total * 0.9"
  const total = Number(req.body.total);
  const discounted = eval(req.body.formula.replace('total', String(total)));
  res.json({ total: discounted });
});

app.post('/discount-safe', requireUser, (req, res) => {
  // a fixed table of discounts instead of code from the request: safe
  const rates = { SPRING10: 0.9, VIP20: 0.8 };
  const rate = rates[req.body.code] ?? 1;
  res.json({ total: Number(req.body.total) * rate });
});

app.get('/partner/orders', requirePartner, (req, res) => {
  res.json({ partner: req.partner.sub, orders: [] });
});

app.listen(process.env.PORT || 3000, () => {
  console.log('orders API listening');
});
