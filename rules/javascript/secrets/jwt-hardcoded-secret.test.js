// Test files sign tokens with throwaway keys: the rule skips *.test.* and *.spec.* files.
const jwt = require('jsonwebtoken');
const request = require('supertest');
const app = require('../app');

describe('GET /me', () => {
  it('returns the current user', async () => {
    // ok: javascript.jwt-hardcoded-secret
    const token = jwt.sign({ sub: 'user-1' }, 'test-secret', { expiresIn: '5m' });
    const res = await request(app).get('/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });
});
