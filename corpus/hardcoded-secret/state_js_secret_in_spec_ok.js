idgate-fixture-path: src/__tests__/webhook.test.js
const { verifySignature } = require('../webhook');

const SECRET = 'whsec_test_4f9a1c2b3d4e5f60718293a4b5c6d7e8';

test('accepts a valid signature', () => {
  const body = '{"id":1}';
  const sig = require('crypto').createHmac('sha256', SECRET).update(body).digest('hex');
  expect(verifySignature(body, sig, SECRET)).toBe(true);
});
