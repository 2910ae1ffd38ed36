const jwt = require('jsonwebtoken');
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

const SECRET = process.env.JWT_SECRET;

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    // ruleid: javascript.jwt-ignore-expiration
    req.user = jwt.verify(token, SECRET, { algorithms: ['HS256'], ignoreExpiration: true });
    next();
  } catch (e) {
    res.status(401).json({ error: 'unauthorized' });
  }
}

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: SECRET,
      algorithms: ['HS256'],
      // ruleid: javascript.jwt-ignore-expiration
      ignoreExpiration: true,
    },
    (payload, done) => done(null, { id: payload.sub }),
  ),
);

const VERIFY_OPTIONS = {
  algorithms: ['HS256'],
  audience: 'api',
  // ruleid: javascript.jwt-ignore-expiration
  ignoreExpiration: true,
};

function verify(token) {
  return jwt.verify(token, SECRET, VERIFY_OPTIONS);
}

// Expiry enforced, with a little clock tolerance.
function authenticateSafe(token) {
  // ok: javascript.jwt-ignore-expiration
  return jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTolerance: 5 });
}

// ok: javascript.jwt-ignore-expiration
const strict = { algorithms: ['HS256'], ignoreExpiration: false };

function verifyStrict(token) {
  // ok: javascript.jwt-ignore-expiration
  return jwt.verify(token, SECRET, strict);
}

module.exports = { authenticate, verify, authenticateSafe, verifyStrict };
