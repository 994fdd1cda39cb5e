const TRUSTED = ['https://app.example.com', 'https://admin.example.com'];

module.exports = function corsHeaders(req, res, next) {
  const origin = req.headers.origin;
  // ok: cross-origin
  res.setHeader('Access-Control-Allow-Origin', TRUSTED.includes(origin) ? origin : TRUSTED[0]);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  next();
};
