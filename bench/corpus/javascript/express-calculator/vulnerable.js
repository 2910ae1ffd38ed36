// Calculator endpoint for the pricing widget.
const express = require('express');

const app = express();
app.use(express.json());

app.post('/api/calc', (req, res) => {
  const { expression } = req.body;
  if (typeof expression !== 'string' || expression.length > 200) {
    return res.status(400).json({ error: 'bad expression' });
  }
  try {
    const value = eval(expression); // bench: vuln CWE-95
    res.json({ value });
  } catch (e) {
    res.status(422).json({ error: 'could not evaluate' });
  }
});

module.exports = app;
