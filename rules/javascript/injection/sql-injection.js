const express = require('express');
const { Pool } = require('pg');
const mysql = require('mysql2/promise');
const Database = require('better-sqlite3');
const { Sequelize, QueryTypes } = require('sequelize');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

const app = express();
app.use(express.json());
const pool = new Pool();
const sqlite = new Database('app.db');
const sequelize = new Sequelize(process.env.DATABASE_URL);

app.get('/api/orders', async (req, res) => {
  const { status, sort } = req.query;
  const sql = `SELECT id, total FROM orders WHERE status = '${status}' ORDER BY ${sort}`;
  // ruleid: javascript.sql-injection
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.get('/api/orders/:id', async (req, res) => {
  // ok: javascript.sql-injection
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});

app.post('/api/login', async (req, res) => {
  const conn = await mysql.createConnection(process.env.MYSQL_URL);
  const { email } = req.body;
  // ruleid: javascript.sql-injection
  const [users] = await conn.execute("SELECT id FROM users WHERE email = '" + email + "'");
  res.json({ found: users.length > 0 });
});

app.get('/api/notes', (req, res) => {
  const tag = req.query.tag;
  // ruleid: javascript.sql-injection
  const notes = sqlite.prepare(`SELECT * FROM notes WHERE tag = '${tag}'`).all();
  res.json(notes);
});

app.get('/api/notes/search', (req, res) => {
  // ok: javascript.sql-injection
  const notes = sqlite.prepare('SELECT * FROM notes WHERE title LIKE ?').all(`%${req.query.q}%`);
  res.json(notes);
});

app.get('/api/products', async (req, res) => {
  const category = req.query.category;
  // ruleid: javascript.sql-injection
  const products = await sequelize.query(`SELECT * FROM products WHERE category = '${category}'`, { type: QueryTypes.SELECT });
  res.json(products);
});

app.get('/api/products/by-price', async (req, res) => {
  // ok: javascript.sql-injection
  const products = await sequelize.query('SELECT * FROM products WHERE price < :max', {
    replacements: { max: req.query.max },
    type: QueryTypes.SELECT,
  });
  res.json(products);
});

app.get('/api/customers', async (req, res) => {
  const { name, orderBy } = req.query;
  // ruleid: javascript.sql-injection
  const rows = await knex('customers').whereRaw(`name ILIKE '%${name}%'`).orderByRaw(orderBy);
  // ok: javascript.sql-injection
  const safe = await knex('customers').whereRaw('name ILIKE ?', [`%${name}%`]);
  res.json({ rows, safe });
});

app.get('/api/customers/:id/limit', async (req, res) => {
  const limit = parseInt(req.query.limit, 10) || 20;
  // ok: javascript.sql-injection
  const { rows } = await pool.query(`SELECT * FROM visits WHERE customer_id = $1 LIMIT ${limit}`, [req.params.id]);
  res.json(rows);
});

app.get('/api/stats', async (req, res) => {
  // ok: javascript.sql-injection
  const { rows } = await pool.query('SELECT count(*) FROM orders');
  res.json(rows[0]);
});

app.listen(3000);
