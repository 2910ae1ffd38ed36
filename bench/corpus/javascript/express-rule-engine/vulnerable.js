// Discount rules entered by shop admins in the dashboard and tested against a sample cart.
const express = require('express');

const app = express();
app.use(express.json());

app.post('/api/discounts/test', (req, res) => {
  const { condition, cart } = req.body;
  if (typeof condition !== 'string' || condition.length > 500) {
    return res.status(400).json({ error: 'condition must be a short expression' });
  }
  try {
    const rule = new Function('cart', `return (${condition});`); // bench: vuln CWE-94 CWE-95
    const applies = Boolean(rule(cart));
    res.json({ applies });
  } catch (err) {
    res.status(400).json({ error: 'invalid condition', detail: err.message });
  }
});

app.listen(3000);
