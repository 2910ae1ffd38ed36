const jwt = require('jsonwebtoken');
const jose = require('jose');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

const SECRET = process.env.JWT_SECRET;

function verifyToken(token) {
  // ruleid: javascript.jwt-none-algorithm
  return jwt.verify(token, SECRET, { algorithms: ['HS256', 'none'] });
}

function issueGuestToken() {
  // ruleid: javascript.jwt-none-algorithm
  return jwt.sign({ role: 'guest' }, null, { algorithm: 'none' });
}

const strategy = new JwtStrategy(
  {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKey: SECRET,
    // ruleid: javascript.jwt-none-algorithm
    algorithms: ['HS256', 'HS512', 'None'],
  },
  (payload, done) => done(null, payload),
);

function readUnsigned(token) {
  // ruleid: javascript.jwt-none-algorithm
  return jose.UnsecuredJWT.decode(token);
}

// Algorithms pinned to real signatures.
function verifyTokenSafe(token) {
  // ok: javascript.jwt-none-algorithm
  return jwt.verify(token, SECRET, { algorithms: ['HS256'] });
}

async function verifyJose(token, publicKey) {
  // ok: javascript.jwt-none-algorithm
  const { payload } = await jose.jwtVerify(token, publicKey, { algorithms: ['RS256'] });
  return payload;
}

function issue(user) {
  // ok: javascript.jwt-none-algorithm
  return jwt.sign({ sub: user.id }, SECRET, { algorithm: 'HS256', expiresIn: '15m' });
}

// "none" as a value that is not an algorithm.
// ok: javascript.jwt-none-algorithm
const cookieOptions = { sameSite: 'none', secure: true };

module.exports = { verifyToken, issueGuestToken, strategy, readUnsigned, verifyTokenSafe, verifyJose, issue, cookieOptions };
