const crypto = require('crypto');
const redis = require('./redis');

async function createApiSession(userId) {
  const token = crypto.randomBytes(32).toString('hex');
  // expect: token-lifetime
  await redis.set(`apisess:${token}`, userId);
  return token;
}

module.exports = { createApiSession };
