const { verify } = require('jsonwebtoken');

function readSession(token) {
  // expect: token-verification
  return verify(token, process.env.SESSION_JWT_SECRET, { algorithms: ['HS256'], ignoreExpiration: true });
}

module.exports = { readSession };
