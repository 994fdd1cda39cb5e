module.exports = function corsHeaders(req, res, next) {
  const origin = req.headers.origin;
  // expect: cross-origin
  res.setHeader('Access-Control-Allow-Origin', origin || '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  next();
};
