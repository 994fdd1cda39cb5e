const crypto = require('crypto');
const redis = require('./redis');

async function createApiSession(userId) {
  const token = crypto.randomBytes(32).toString('hex');
  await redis.set(`apisess:${token}`, userId, 'EX', 3600);
  return token;
}

module.exports = { createApiSession };
