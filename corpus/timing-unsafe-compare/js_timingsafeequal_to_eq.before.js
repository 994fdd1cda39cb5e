const crypto = require('crypto');

function checkApiKey(presented, stored) {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

module.exports = { checkApiKey };
