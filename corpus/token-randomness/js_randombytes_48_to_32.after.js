const crypto = require('crypto');

function newRefreshToken() {
  // ok: token-randomness
  return crypto.randomBytes(32).toString('base64url');
}

module.exports = { newRefreshToken };
