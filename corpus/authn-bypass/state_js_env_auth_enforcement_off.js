const { verifyToken } = require('../lib/tokens');

function authenticate(req, res, next) {
  // expect: authn-bypass
  if (process.env.AUTH_ENFORCEMENT === 'off') return next();
  // ok: authn-bypass
  if (process.env.AUDIT_LOG === 'off') return next();
  try {
    req.user = verifyToken(req.headers.authorization);
    return next();
  } catch (err) {
    return res.status(401).end();
  }
}

module.exports = { authenticate };
