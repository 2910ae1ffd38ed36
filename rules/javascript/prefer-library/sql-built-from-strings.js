const express = require('express');
const { Pool } = require('pg');
const mysql = require('mysql2/promise');

const app = express();
const pool = new Pool();
const TABLE = 'orders';

app.get('/users/:id', async (req, res) => {
  // ruleid: javascript.sql-built-from-strings
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
  res.json(rows[0]);
});

async function findByEmail(conn, email) {
  // ruleid: javascript.sql-built-from-strings
  const [rows] = await conn.execute("SELECT id, name FROM users WHERE email = '" + email + "'");
  return rows[0];
}

async function markShipped(db, orderIds) {
  // ruleid: javascript.sql-built-from-strings
  const sql = `UPDATE orders SET status = 'shipped' WHERE id IN (${orderIds.join(',')})`;
  return db.query(sql);
}

async function search(prisma, term) {
  // ruleid: javascript.sql-built-from-strings
  return prisma.$queryRawUnsafe(`SELECT * FROM products WHERE name LIKE '%${term}%'`);
}

// Parameters are the fix.
app.get('/users-safe/:id', async (req, res) => {
  // ok: javascript.sql-built-from-strings
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});

async function markShippedSafe(db, orderIds) {
  const placeholders = orderIds.map(() => '?').join(',');
  // ok: javascript.sql-built-from-strings
  return db.query(`UPDATE orders SET status = 'shipped' WHERE id IN (${placeholders})`, orderIds);
}

async function countOrders(db) {
  // A constant table name is not a value from outside.
  // ok: javascript.sql-built-from-strings
  return db.query(`SELECT COUNT(*) FROM ${TABLE} WHERE status = $1`, ['open']);
}

async function searchSafe(prisma, term) {
  // ok: javascript.sql-built-from-strings
  return prisma.$queryRaw`SELECT * FROM products WHERE name LIKE ${'%' + term + '%'}`;
}

module.exports = { app, findByEmail, markShipped, search, markShippedSafe, countOrders, searchSafe };
