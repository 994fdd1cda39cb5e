const crypto = require('crypto');

function newSessionId() {
  return crypto.randomBytes(24).toString('base64url');
}

module.exports = { newSessionId };
