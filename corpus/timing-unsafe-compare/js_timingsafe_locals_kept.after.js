const { timingSafeEqual } = require('node:crypto');

function sameKey(given, stored) {
  const x = Buffer.from(given, 'utf8');
  const y = Buffer.from(stored, 'utf8');
  // ok: secret-compared-in-variable-time
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

module.exports = { sameKey };
