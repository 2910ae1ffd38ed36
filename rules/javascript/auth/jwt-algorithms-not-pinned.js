const fs = require('fs');
const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

const publicKey = fs.readFileSync('keys/issuer-public.pem');
const client = jwksClient({ jwksUri: 'https://auth.example.com/.well-known/jwks.json' });

function getKey(header, callback) {
  client.getSigningKey(header.kid, (err, key) => callback(err, key && key.getPublicKey()));
}

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // ruleid: javascript.jwt-algorithms-not-pinned
  jwt.verify(token, getKey, (err, decoded) => {
    if (err) return res.status(401).end();
    req.user = decoded;
    next();
  });
}

function verifyService(token) {
  // ruleid: javascript.jwt-algorithms-not-pinned
  return jwt.verify(token, publicKey);
}

function verifyAudience(token) {
  // ruleid: javascript.jwt-algorithms-not-pinned
  return jwt.verify(token, publicKey, { audience: 'orders-api', issuer: 'https://auth.example.com/' });
}

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ruleid: javascript.jwt-algorithms-not-pinned
      secretOrKeyProvider: jwksClient.passportJwtSecret({ jwksUri: 'https://auth.example.com/.well-known/jwks.json' }),
    },
    (payload, done) => done(null, payload),
  ),
);

// Pinned algorithms.
function authenticateSafe(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // ok: javascript.jwt-algorithms-not-pinned
  jwt.verify(token, getKey, { algorithms: ['RS256'] }, (err, decoded) => {
    if (err) return res.status(401).end();
    req.user = decoded;
    next();
  });
}

function verifyServiceSafe(token) {
  // ok: javascript.jwt-algorithms-not-pinned
  return jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'orders-api' });
}

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ok: javascript.jwt-algorithms-not-pinned
      secretOrKeyProvider: jwksClient.passportJwtSecret({ jwksUri: 'https://auth.example.com/.well-known/jwks.json' }),
      algorithms: ['RS256'],
    },
    (payload, done) => done(null, payload),
  ),
);

// A shared HMAC secret cannot be confused with a public key.
function verifyHmac(token) {
  // ok: javascript.jwt-algorithms-not-pinned
  return jwt.verify(token, process.env.JWT_SECRET);
}

module.exports = { authenticate, verifyService, verifyAudience, authenticateSafe, verifyServiceSafe, verifyHmac };
