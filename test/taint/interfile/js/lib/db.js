const { Pool } = require('pg');

const pool = new Pool();

function runQuery(sql) {
  return pool.query(sql);
}

module.exports = { runQuery };
