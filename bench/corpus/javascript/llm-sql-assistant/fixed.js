// "Ask your data": turns a question into SQL with an LLM and runs it.
const express = require('express');
const OpenAI = require('openai');
const { Pool } = require('pg');

const app = express();
app.use(express.json());
const openai = new OpenAI();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// the model only picks a report and its parameters; the SQL is ours
const REPORTS = {
  revenueByCountry: 'SELECT c.country, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at >= $1 GROUP BY c.country',
  ordersByStatus: 'SELECT status, count(*) FROM orders WHERE created_at >= $1 GROUP BY status',
};

const SCHEMA = 'orders(id, customer_id, total, status, created_at), customers(id, name, country)';

app.post('/api/ask', async (req, res) => {
  const { question } = req.body;
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Pick a report (revenueByCountry or ordersByStatus) and a start date. Reply as JSON {"report": ..., "since": "YYYY-MM-DD"}.' },
      { role: 'user', content: String(question) },
    ],
  });
  const choice = JSON.parse(completion.choices[0].message.content);
  const sql = Object.hasOwn(REPORTS, choice.report) ? REPORTS[choice.report] : null;
  if (!sql) return res.status(400).json({ error: 'unknown report' });
  try {
    const { rows } = await pool.query(sql, [choice.since]); // bench: safe CWE-89
    res.json({ sql, rows });
  } catch (err) {
    res.status(400).json({ error: 'query failed', sql });
  }
});

app.listen(3000);
