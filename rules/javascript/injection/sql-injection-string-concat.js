// Data access helpers for the orders service.
const { Pool } = require('pg');

const pool = new Pool();
const TABLE = 'orders';

async function findOrdersByCustomer(customerName) {
  // ruleid: javascript.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM ${TABLE} WHERE customer_name = '${customerName}'`);
  return rows;
}

async function findOrdersByStatus(status, limit) {
  const sql = 'SELECT * FROM orders WHERE status = \'' + status + '\' LIMIT ' + Number(limit);
  // ruleid: javascript.sql-injection-string-concat
  const { rows } = await pool.query(sql);
  return rows;
}

const deleteOrder = async (id) => {
  // ruleid: javascript.sql-injection-string-concat
  await pool.query('DELETE FROM orders WHERE id = ' + id);
};

async function findOrder(id) {
  // ok: javascript.sql-injection-string-concat
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0];
}

async function recentOrders(limit) {
  const n = Math.min(parseInt(limit, 10) || 20, 100);
  // ok: javascript.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM ${TABLE} ORDER BY created_at DESC LIMIT ${n}`);
  return rows;
}

async function ordersWithIds(ids) {
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  // ok: javascript.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM orders WHERE id IN (${placeholders})`, ids);
  return rows;
}

module.exports = { findOrdersByCustomer, findOrdersByStatus, deleteOrder, findOrder, recentOrders, ordersWithIds };
