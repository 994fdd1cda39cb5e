const jwt = require('jsonwebtoken');

function verifyToken(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, {
    algorithms: ['RS256'],
    audience: 'payments',
    issuer: 'https://auth.example.com/',
  });
}

module.exports = { verifyToken };
