const express = require('express');
const vm = require('vm');
const { evaluate } = require('mathjs');

const app = express();
app.use(express.json());

app.get('/calc', (req, res) => {
  const expression = req.query.expr;
  try {
    // ruleid: javascript.code-injection
    const value = eval(expression);
    res.json({ value });
  } catch (e) {
    res.status(400).json({ error: 'invalid expression' });
  }
});

app.get('/calc-safe', (req, res) => {
  // ok: javascript.code-injection
  const value = evaluate(String(req.query.expr));
  res.json({ value });
});

app.post('/rules/test', (req, res) => {
  const { condition, order } = req.body;
  // ruleid: javascript.code-injection
  const check = new Function('order', `return (${condition});`);
  res.json({ matches: Boolean(check(order)) });
});

app.post('/sandbox', (req, res) => {
  const context = vm.createContext({ result: null });
  // ruleid: javascript.code-injection
  vm.runInContext(req.body.script, context, { timeout: 100 });
  res.json({ result: context.result });
});

app.post('/schedule', (req, res) => {
  // ruleid: javascript.code-injection
  setTimeout('notify("' + req.body.user + '")', 1000);
  // ok: javascript.code-injection
  setTimeout(() => notify(req.body.user), 1000);
  res.sendStatus(202);
});

app.get('/plugins/:name', (req, res) => {
  // ruleid: javascript.code-injection
  const plugin = require(`./plugins/${req.params.name}`);
  res.json(plugin.describe());
});

app.get('/config', (req, res) => {
  // ok: javascript.code-injection
  const settings = eval('({ theme: "dark", pageSize: 20 })');
  // ok: javascript.code-injection
  const parsed = JSON.parse(req.query.filter || '{}');
  res.json({ settings, parsed });
});

function notify(user) {
  console.log('notify', user.length);
}

app.listen(3000);
