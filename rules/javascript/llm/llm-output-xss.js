const express = require('express');
const OpenAI = require('openai');
const { marked } = require('marked');
const DOMPurify = require('isomorphic-dompurify');

const app = express();
app.use(express.urlencoded({ extended: false }));
const openai = new OpenAI();

app.post('/ask', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: req.body.question }],
  });
  const answer = completion.choices[0].message.content;
  // ruleid: javascript.llm-output-xss
  res.send(`<html><body><div class="answer">${marked.parse(answer)}</div></body></html>`);
});

app.post('/ask-safe', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: req.body.question }],
  });
  const html = DOMPurify.sanitize(marked.parse(completion.choices[0].message.content));
  // ok: javascript.llm-output-xss
  res.send(`<html><body><div class="answer">${html}</div></body></html>`);
});

app.post('/ask-json', async (req, res) => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: req.body.question }] });
  // ok: javascript.llm-output-xss
  res.json({ answer: completion.choices[0].message.content });
});

async function renderSummary(container, text) {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Summarise: ${text}` }] });
  // ruleid: javascript.llm-output-xss
  container.innerHTML = completion.choices[0].message.content;
}

module.exports = { app, renderSummary };
