module.exports = function errorHandler(err, req, res, next) {
  res.status(500).json({
    message: err.message,
    // expect: secret-exposure
    config: { dbPassword: process.env.DB_PASSWORD, env: process.env.NODE_ENV },
  });
};
