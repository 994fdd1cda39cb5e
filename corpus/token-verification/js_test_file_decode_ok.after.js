idgate-fixture-path: test/auth.spec.js
const jwt = require('jsonwebtoken');
const { issue } = require('../src/auth');

describe('issue', () => {
  it('sets the subject', () => {
    const token = issue({ id: 'u1' });
    const claims = jwt.decode(token);
    expect(claims.sub).toBe('u1');
    expect(claims.exp - claims.iat).toBe(900);
  });
});
