const jwt = require('jsonwebtoken');

function signAccessToken(user) {
  return jwt.sign(
    { sub: user.id, role: user.role },
    process.env.JWT_SECRET,
    // expect: token-lifetime
    { algorithm: 'HS256', expiresIn: '365d' },
  );
}

module.exports = { signAccessToken };
