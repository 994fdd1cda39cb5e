const jwt = require('jsonwebtoken');

module.exports = function (req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  // expect: token-verification
  const payload = jwt.decode(token);
  if (!payload) return res.sendStatus(401);
  req.user = { id: payload.sub, roles: payload.roles };
  next();
};
