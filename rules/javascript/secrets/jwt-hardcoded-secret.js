const express = require('express');
const jwt = require('jsonwebtoken');
const jose = require('jose');

const app = express();
app.use(express.json());

const JWT_SECRET = 'my-super-secret-key-123';

app.post('/login', async (req, res) => {
  const user = await findUser(req.body.username, req.body.password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  // ruleid: javascript.jwt-hardcoded-secret
  const token = jwt.sign({ sub: user.id, role: user.role }, 'secretkey', { expiresIn: '1h' });
  res.json({ token });
});

function authenticate(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.replace('Bearer ', '');
  try {
    // ruleid: javascript.jwt-hardcoded-secret
    req.user = jwt.verify(token, JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function issueRefreshToken(user) {
  // ruleid: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, process.env.REFRESH_SECRET || 'dev-refresh-secret', { expiresIn: '7d' });
}

async function createJoseToken(user) {
  // ruleid: javascript.jwt-hardcoded-secret
  const secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2');
  return new jose.SignJWT({ sub: user.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('2h')
    // ok: javascript.jwt-hardcoded-secret
    .sign(secret);
}

async function verifyJose(token) {
  // ruleid: javascript.jwt-hardcoded-secret
  const { payload } = await jose.jwtVerify(token, new TextEncoder().encode('another-hardcoded-secret'));
  return payload;
}

// Keys loaded from the environment or a key file are the safe pattern.
const secretFromEnv = process.env.JWT_SECRET;
if (!secretFromEnv) throw new Error('JWT_SECRET is not set');

function signSafe(user) {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, secretFromEnv, { expiresIn: '1h' });
}

function verifySafe(token) {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
}

const privateKey = require('fs').readFileSync('keys/private.pem');
function signRs(user) {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, privateKey, { algorithm: 'RS256' });
}

async function joseSafe(user) {
  const key = new TextEncoder().encode(process.env.JWT_SECRET);
  // ok: javascript.jwt-hardcoded-secret
  return new jose.SignJWT({ sub: user.id }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

function signWithEmptyFallback(user) {
  // An empty fallback is not a usable key (jsonwebtoken refuses it).
  // ok: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET || '', { expiresIn: '1h' });
}

function signDocument(signer, doc) {
  // ok: javascript.jwt-hardcoded-secret
  return signer.sign('utf8');
}

app.listen(3000);
