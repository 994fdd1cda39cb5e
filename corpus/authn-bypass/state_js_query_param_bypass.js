const { verifyToken } = require('./tokens');

module.exports = async function authenticate(req, res, next) {
  // expect: authn-bypass
  if (req.query.internal === 'true') {
    req.user = { id: 'system', role: 'admin' };
    return next();
  }
  try {
    req.user = await verifyToken(req.headers.authorization);
    next();
  } catch {
    res.sendStatus(401);
  }
};
