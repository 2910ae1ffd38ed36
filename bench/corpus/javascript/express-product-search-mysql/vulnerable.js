// Product catalogue API backed by MySQL.
const express = require('express');
const mysql = require('mysql2/promise');

const app = express();
const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'shop', database: 'shop', connectionLimit: 10 });

app.get('/api/products', async (req, res) => {
  const { q = '', category, sort = 'name' } = req.query;
  const allowedSorts = ['name', 'price', 'created_at'];
  const orderBy = allowedSorts.includes(sort) ? sort : 'name';
  let sql = `SELECT id, name, price FROM products WHERE name LIKE '%${q}%'`;
  if (category) {
    sql += ` AND category = '${category}'`;
  }
  sql += ` ORDER BY ${orderBy} LIMIT 50`;
  try {
    const [rows] = await pool.query(sql); // bench: vuln CWE-89
    res.json(rows);
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: 'database error' });
  }
});

app.listen(3000);
