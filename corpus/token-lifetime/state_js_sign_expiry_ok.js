const jwt = require('jsonwebtoken');

exports.issueDownloadToken = (fileId) =>
  // ok: token-lifetime
  jwt.sign({ fileId }, process.env.DOWNLOAD_SECRET, { algorithm: 'HS256', expiresIn: '5m' });
