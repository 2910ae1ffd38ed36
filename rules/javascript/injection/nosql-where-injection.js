const express = require('express');
const mongoose = require('mongoose');

const app = express();
const Product = mongoose.model('Product', new mongoose.Schema({ name: String, price: Number, stock: Number }));

app.get('/products/cheap', async (req, res) => {
  const max = req.query.max;
  // ruleid: javascript.nosql-where-injection
  const products = await Product.find({ $where: `this.price < ${max}` });
  res.json(products);
});

app.get('/products/named', async (req, res) => {
  const name = req.query.name;
  // ruleid: javascript.nosql-where-injection
  const products = await Product.find().$where("this.name == '" + name + "'");
  res.json(products);
});

app.get('/products/search', async (req, res) => {
  const db = mongoose.connection.db;
  // ruleid: javascript.nosql-where-injection
  const filter = { $where: 'this.name.indexOf("' + req.query.q + '") >= 0' };
  const items = await db.collection('products').find(filter).toArray();
  res.json(items);
});

app.get('/products/cheap-safe', async (req, res) => {
  const max = Number(req.query.max);
  // ok: javascript.nosql-where-injection
  const products = await Product.find({ $where: `this.price < ${max}` });
  res.json(products);
});

app.get('/products/low-stock', async (req, res) => {
  // ok: javascript.nosql-where-injection
  const products = await Product.find({ $where: 'this.stock < this.reorderLevel' });
  res.json(products);
});

app.get('/products/by-name', async (req, res) => {
  // ok: javascript.nosql-where-injection
  const products = await Product.find({ name: String(req.query.name) });
  res.json(products);
});

app.listen(3000);
