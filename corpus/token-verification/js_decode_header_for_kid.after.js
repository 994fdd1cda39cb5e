const jwt = require('jsonwebtoken');
const { keyFor } = require('./jwks');

async function verifyWithKid(token) {
  // decode only to find which key signed it; verification happens below
  const { header } = jwt.decode(token, { complete: true });
  const key = await keyFor(header.kid);
  return jwt.verify(token, key, { algorithms: ['RS256'], audience: 'api' });
}

module.exports = { verifyWithKid };
