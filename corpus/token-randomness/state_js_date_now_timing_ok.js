const crypto = require('crypto');

function requestLogger(logger) {
  return (req, res, next) => {
    const started = Date.now();
    req.id = crypto.randomUUID();
    res.on('finish', () => {
      // ok: token-randomness
      const ms = Date.now() - started;
      logger.info({ id: req.id, method: req.method, url: req.originalUrl, status: res.statusCode, ms });
    });
    next();
  };
}

module.exports = { requestLogger };
