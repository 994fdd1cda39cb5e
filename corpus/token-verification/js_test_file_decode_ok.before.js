idgate-fixture-path: test/auth.spec.js
const jwt = require('jsonwebtoken');
const { issue } = require('../src/auth');

describe('issue', () => {
  it('sets the subject', () => {
    const token = issue({ id: 'u1' });
    expect(jwt.decode(token).sub).toBe('u1');
  });
});
