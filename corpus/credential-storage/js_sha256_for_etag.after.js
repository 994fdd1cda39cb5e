const crypto = require('crypto');

function etagFor(body) {
  // ok: credential-storage
  return crypto.createHash('sha256').update(body).digest('hex');
}

module.exports = { etagFor };
