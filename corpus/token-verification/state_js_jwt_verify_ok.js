const { verify } = require('jsonwebtoken');

module.exports = function (req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    // ok: token-verification
    req.user = verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'api', issuer: 'https://auth.example.com/' });
    next();
  } catch {
    res.sendStatus(401);
  }
};
