// Users edit their own account details.
const express = require('express');
const mongoose = require('mongoose');
const { requireLogin } = require('./auth');

const app = express();
app.use(express.json());

const User = mongoose.model('User', new mongoose.Schema({
  name: String,
  email: String,
  bio: String,
  role: { type: String, default: 'member' },
  credits: { type: Number, default: 0 },
}));

app.patch('/api/me', requireLogin, async (req, res) => {
  const user = await User.findByIdAndUpdate(req.user.id, req.body, { new: true, runValidators: true }); // bench: vuln CWE-915
  if (!user) return res.sendStatus(404);
  res.json({ id: user.id, name: user.name, email: user.email, bio: user.bio });
});

app.listen(3000);
