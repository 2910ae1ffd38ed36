// Product catalogue API backed by MySQL.
const express = require('express');
const mysql = require('mysql2/promise');

const app = express();
const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'shop', database: 'shop', connectionLimit: 10 });

app.get('/api/products', async (req, res) => {
  const { q = '', category, sort = 'name' } = req.query;
  const allowedSorts = ['name', 'price', 'created_at'];
  const orderBy = allowedSorts.includes(sort) ? sort : 'name';
  let sql = 'SELECT id, name, price FROM products WHERE name LIKE ?';
  const params = [`%${q}%`];
  if (category) {
    sql += ' AND category = ?';
    params.push(category);
  }
  sql += ` ORDER BY ${orderBy} LIMIT 50`;
  try {
    const [rows] = await pool.query(sql, params); // bench: safe CWE-89
    res.json(rows);
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: 'database error' });
  }
});

app.listen(3000);
