const { verify } = require('jsonwebtoken');

function readSession(token) {
  return verify(token, process.env.SESSION_JWT_SECRET, { algorithms: ['HS256'] });
}

module.exports = { readSession };
