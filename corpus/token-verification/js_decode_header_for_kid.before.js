const jwt = require('jsonwebtoken');
const { keyFor } = require('./jwks');

async function verifyWithKid(token) {
  const { header } = jwt.decode(token, { complete: true });
  const key = await keyFor(header.kid);
  return jwt.verify(token, key, { algorithms: ['RS256'] });
}

module.exports = { verifyWithKid };
