const crypto = require('crypto');

function newRefreshToken() {
  return crypto.randomBytes(48).toString('base64url');
}

module.exports = { newRefreshToken };
