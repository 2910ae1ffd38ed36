// Keeps the shopping cart in a cookie between visits.
const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());
app.use(express.json());

function readCart(req) {
  if (!req.cookies.cart) return { items: [] };
  const raw = Buffer.from(req.cookies.cart, 'base64').toString('utf8');
  return serialize.unserialize(raw); // bench: vuln CWE-502
}

app.get('/cart', (req, res) => {
  res.json(readCart(req));
});

app.post('/cart/items', (req, res) => {
  const cart = readCart(req);
  cart.items.push({ sku: String(req.body.sku), qty: Number(req.body.qty) || 1 });
  const value = Buffer.from(serialize.serialize(cart)).toString('base64');
  res.cookie('cart', value, { httpOnly: true, sameSite: 'lax' });
  res.json(cart);
});

app.listen(3000);
