const express = require('express');
const mongoose = require('mongoose');
const bcrypt = require('bcrypt');
const { MongoClient } = require('mongodb');

const app = express();
app.use(express.json());

const User = mongoose.model('User', new mongoose.Schema({ username: String, password: String, role: String }));
const client = new MongoClient(process.env.MONGO_URL);

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  // ruleid: javascript.nosql-operator-injection
  const user = await User.findOne({ username: username, password: password });
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ id: user.id });
});

app.post('/login-safe', async (req, res) => {
  const username = String(req.body.username);
  // ok: javascript.nosql-operator-injection
  const user = await User.findOne({ username });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.password))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ id: user.id });
});

app.get('/users', async (req, res) => {
  // ruleid: javascript.nosql-operator-injection
  const users = await User.find(req.query).limit(50);
  res.json(users);
});

app.get('/users/by-role', async (req, res) => {
  const role = req.query.role;
  if (typeof role !== 'string') return res.status(400).json({ error: 'role must be a string' });
  // ok: javascript.nosql-operator-injection
  const users = await User.find({ role }).limit(50);
  res.json(users);
});

app.delete('/sessions', async (req, res) => {
  const db = client.db('app');
  // ruleid: javascript.nosql-operator-injection
  await db.collection('sessions').deleteMany({ token: req.body.token });
  res.sendStatus(204);
});

app.get('/orders/:id', async (req, res) => {
  const db = client.db('app');
  // ok: javascript.nosql-operator-injection
  const order = await db.collection('orders').findOne({ _id: new mongoose.Types.ObjectId(req.params.id) });
  res.json(order);
});

app.get('/products', async (req, res) => {
  const db = client.db('app');
  // ok: javascript.nosql-operator-injection
  const items = await db.collection('products').find({ category: { $eq: req.query.category } }).toArray();
  res.json(items);
});

app.listen(3000);
