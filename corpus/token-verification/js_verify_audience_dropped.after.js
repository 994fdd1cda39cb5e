const jwt = require('jsonwebtoken');

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  req.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY, {
    // expect: jsonwebtoken-verification-skipped
    algorithms: ['RS256'],
    issuer: 'https://login.example.com/',
  });
  next();
}

function refresh(req) {
  // ok: jsonwebtoken-verification-skipped
  return jwt.verify(req.body.token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], issuer: 'https://login.example.com/', clockTolerance: 30 });
}

module.exports = { authenticate, refresh };
