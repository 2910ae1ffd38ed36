const express = require('express');
const mongoose = require('mongoose');
const { Sequelize, DataTypes } = require('sequelize');

const app = express();
app.use(express.json());

const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String, role: { type: String, default: 'user' } }));
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Account = sequelize.define('Account', { name: DataTypes.STRING, balance: DataTypes.INTEGER, isAdmin: DataTypes.BOOLEAN });

app.post('/signup', async (req, res) => {
  // ruleid: javascript.mass-assignment
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});

app.post('/signup-safe', async (req, res) => {
  const { name, email } = req.body;
  // ok: javascript.mass-assignment
  const user = await User.create({ name, email });
  res.status(201).json({ id: user.id });
});

app.put('/users/:id', async (req, res) => {
  // ruleid: javascript.mass-assignment
  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
  res.json(user);
});

app.patch('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) return res.sendStatus(404);
  const changes = req.body;
  // ruleid: javascript.mass-assignment
  Object.assign(user, changes);
  await user.save();
  res.json(user);
});

app.put('/accounts/:id', async (req, res) => {
  const account = await Account.findByPk(req.params.id);
  // ruleid: javascript.mass-assignment
  await account.update(req.body);
  res.json(account);
});

app.put('/accounts/:id/name', async (req, res) => {
  const account = await Account.findByPk(req.params.id);
  // ok: javascript.mass-assignment
  await account.update({ name: String(req.body.name) });
  res.json(account);
});

app.post('/accounts', async (req, res) => {
  // ruleid: javascript.mass-assignment
  const account = await Account.create({ ...req.body, balance: 0 });
  res.status(201).json(account);
});

app.post('/echo', (req, res) => {
  // ok: javascript.mass-assignment
  const copy = Object.assign({}, req.body);
  // ok: javascript.mass-assignment
  const params = new URLSearchParams(req.body);
  res.json({ copy, params: params.toString() });
});

app.listen(3000);
