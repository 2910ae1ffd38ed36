// "Ask your data": turns a question into SQL with an LLM and runs it.
const express = require('express');
const OpenAI = require('openai');
const { Pool } = require('pg');

const app = express();
app.use(express.json());
const openai = new OpenAI();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const SCHEMA = 'orders(id, customer_id, total, status, created_at), customers(id, name, country)';

app.post('/api/ask', async (req, res) => {
  const { question } = req.body;
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: `You write PostgreSQL for this schema: ${SCHEMA}. Reply with one SELECT statement only.` },
      { role: 'user', content: String(question) },
    ],
  });
  const sql = completion.choices[0].message.content.trim().replace(/^```sql|```$/g, '');
  try {
    const { rows } = await pool.query(sql); // bench: vuln CWE-89
    res.json({ sql, rows });
  } catch (err) {
    res.status(400).json({ error: 'query failed', sql });
  }
});

app.listen(3000);
