const crypto = require('crypto');

function etagFor(body) {
  return crypto.createHash('md5').update(body).digest('hex');
}

module.exports = { etagFor };
