const { randomInt, randomBytes } = require('crypto');

function newOtp() {
  // ok: token-randomness
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function newApiKey() {
  // ok: token-randomness
  return `pk_${randomBytes(24).toString('base64url')}`;
}

module.exports = { newOtp, newApiKey };
