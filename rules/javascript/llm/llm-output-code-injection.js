const express = require('express');
const OpenAI = require('openai');
const vm = require('vm');

const app = express();
app.use(express.json());
const openai = new OpenAI();

app.post('/analyze', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Write a JavaScript expression that computes the answer. Reply with code only.' },
      { role: 'user', content: req.body.question },
    ],
  });
  const code = completion.choices[0].message.content;
  // ruleid: javascript.llm-output-code-injection
  const result = eval(code);
  res.json({ result });
});

app.post('/transform', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Write a function body that transforms a row: ${req.body.instructions}` }],
  });
  // ruleid: javascript.llm-output-code-injection
  const transform = new Function('row', completion.choices[0].message.content);
  res.json(req.body.rows.map((row) => transform(row)));
});

app.post('/sandboxed', async (req, res) => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: req.body.q }] });
  const script = completion.choices[0].message.content;
  const ctx = vm.createContext({ out: null });
  // ruleid: javascript.llm-output-code-injection
  vm.runInContext(script, ctx, { timeout: 50 });
  res.json({ out: ctx.out });
});

const OPERATIONS = { sum: (xs) => xs.reduce((a, b) => a + b, 0), max: (xs) => Math.max(...xs) };

app.post('/tool', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: req.body.q }],
    response_format: { type: 'json_object' },
  });
  const { operation } = JSON.parse(completion.choices[0].message.content);
  const fn = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : null;
  // ok: javascript.llm-output-code-injection
  res.json({ value: fn ? fn(req.body.values) : null });
});

app.get('/version', (req, res) => {
  // ok: javascript.llm-output-code-injection
  res.json({ value: eval('1 + 1') });
});

app.post('/explain', async (req, res) => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: req.body.q }] });
  // ok: javascript.llm-output-code-injection
  res.json({ text: completion.choices[0].message.content });
});

app.listen(3000);
