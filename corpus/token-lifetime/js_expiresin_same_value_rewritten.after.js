const jwt = require('jsonwebtoken');

const ACCESS_TTL_SECONDS = 15 * 60;

function signAccessToken(user) {
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: ACCESS_TTL_SECONDS });
}

module.exports = { signAccessToken };
