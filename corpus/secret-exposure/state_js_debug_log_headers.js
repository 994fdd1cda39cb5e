module.exports = function requestLogger(logger) {
  return (req, res, next) => {
    // expect: secret-exposure
    logger.debug({ method: req.method, url: req.url, headers: req.headers }, 'incoming request');
    next();
  };
};
