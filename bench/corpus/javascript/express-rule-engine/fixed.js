// Discount rules entered by shop admins in the dashboard and tested against a sample cart.
const express = require('express');
const jsonLogic = require('json-logic-js');

const app = express();
app.use(express.json());

app.post('/api/discounts/test', (req, res) => {
  const { condition, cart } = req.body;
  if (typeof condition !== 'object' || condition === null) {
    return res.status(400).json({ error: 'condition must be a JSON Logic rule' });
  }
  try {
    const applies = Boolean(jsonLogic.apply(condition, { cart })); // bench: safe CWE-94 CWE-95
    res.json({ applies });
  } catch (err) {
    res.status(400).json({ error: 'invalid condition', detail: err.message });
  }
});

app.listen(3000);
