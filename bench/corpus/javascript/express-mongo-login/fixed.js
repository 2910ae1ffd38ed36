// Login endpoint for the members area (MongoDB via Mongoose).
const express = require('express');
const mongoose = require('mongoose');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());

const Member = mongoose.model('Member', new mongoose.Schema({
  email: String,
  apiKey: String,
  plan: String,
}));

app.post('/api/login', async (req, res) => {
  const { email, apiKey } = req.body;
  if (!email || !apiKey) return res.status(400).json({ error: 'email and apiKey are required' });
  const member = await Member.findOne({ email: String(email), apiKey: String(apiKey) }); // bench: safe CWE-943
  if (!member) return res.status(401).json({ error: 'invalid credentials' });
  const token = jwt.sign({ sub: member.id, plan: member.plan }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

mongoose.connect(process.env.MONGO_URL).then(() => app.listen(3000));
