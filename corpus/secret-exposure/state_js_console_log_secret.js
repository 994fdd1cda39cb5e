const jwt = require('jsonwebtoken');

function issue(user) {
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  // expect: secret-exposure
  console.log('issued token for', user.email, token);
  return token;
}

module.exports = { issue };
