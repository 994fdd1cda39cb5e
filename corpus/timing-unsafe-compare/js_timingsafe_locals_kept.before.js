const { timingSafeEqual } = require('node:crypto');

function sameKey(given, stored) {
  const x = Buffer.from(given);
  const y = Buffer.from(stored);
  return x.length === y.length && timingSafeEqual(x, y);
}

module.exports = { sameKey };
