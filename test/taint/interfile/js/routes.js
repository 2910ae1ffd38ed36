const express = require('express');
const { runQuery } = require('./lib/db');
const users = require('./lib');

const app = express();

app.get('/item', (req, res) => {
  runQuery(`SELECT * FROM items WHERE id = ${req.query.id}`);
  users.findUser(req.query.name);
  res.send('ok');
});
