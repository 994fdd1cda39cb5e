const logger = require('./logger');

function onLogin(user, req) {
  // ok: secret-exposure
  logger.info({ userId: user.id, ip: req.ip, passwordChangedAt: user.passwordChangedAt }, 'login');
}

module.exports = { onLogin };
