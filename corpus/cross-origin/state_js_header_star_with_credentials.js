function allowBrowserClients(req, res, next) {
  // expect: cross-origin
  res.header('Access-Control-Allow-Origin', '*');
  res.header('Access-Control-Allow-Credentials', true);
  next();
}

module.exports = allowBrowserClients;
