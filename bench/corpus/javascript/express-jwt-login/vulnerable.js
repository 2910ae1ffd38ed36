// Login and profile API with JSON Web Tokens.
const express = require('express');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { users } = require('./db');

const app = express();
app.use(express.json());

const JWT_SECRET = 'super-secret-jwt-key-change-me';

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await users.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { expiresIn: '1h' }); // bench: vuln CWE-798
  res.json({ token });
});

function requireAuth(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'Missing token' });
  const payload = jwt.decode(token); // bench: vuln CWE-347
  if (!payload) return res.status(401).json({ error: 'Invalid token' });
  req.user = { id: payload.sub, role: payload.role };
  next();
}

app.get('/api/profile', requireAuth, async (req, res) => {
  const user = await users.findById(req.user.id);
  res.json({ id: user.id, email: user.email, role: user.role });
});

app.delete('/api/users/:id', requireAuth, async (req, res) => {
  if (req.user.role !== 'admin') return res.status(403).json({ error: 'Forbidden' });
  await users.deleteById(req.params.id);
  res.status(204).end();
});

app.listen(3000, () => console.log('API listening on 3000'));
