// Order lookup service for the support team.
const express = require('express');
const mysql = require('mysql2/promise');

const app = express();
app.use(express.json());

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
  connectionLimit: 10,
});

app.get('/api/orders', async (req, res) => {
  const { email, status } = req.query;
  if (!email) {
    return res.status(400).json({ error: 'email is required' });
  }
  try {
    let sql = `SELECT id, total, status, created_at FROM orders WHERE customer_email = '${email}'`;
    if (status) {
      sql += ` AND status = '${status}'`;
    }
    const [rows] = await pool.query(sql); // bench: vuln CWE-89
    res.json(rows);
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: 'database error' });
  }
});

app.get('/api/orders/:id', async (req, res) => {
  const [rows] = await pool.query('SELECT * FROM orders WHERE id = ?', [req.params.id]);
  if (!rows.length) return res.status(404).json({ error: 'not found' });
  res.json(rows[0]);
});

app.listen(3000, () => console.log('orders service on :3000'));
