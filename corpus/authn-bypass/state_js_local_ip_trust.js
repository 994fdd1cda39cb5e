module.exports = function adminOnly(req, res, next) {
  // expect: authn-bypass
  if (req.headers['x-forwarded-for'] === '127.0.0.1') return next();
  if (req.user && req.user.isAdmin) return next();
  res.status(403).end();
};
