// Login and profile API with JSON Web Tokens.
const express = require('express');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { users } = require('./db');

const app = express();
app.use(express.json());

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error('JWT_SECRET must be set');

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await users.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { expiresIn: '1h', algorithm: 'HS256' }); // bench: safe CWE-798
  res.json({ token });
});

function requireAuth(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'Missing token' });
  let payload;
  try {
    payload = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] }); // bench: safe CWE-347
  } catch {
    return res.status(401).json({ error: 'Invalid token' });
  }
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
