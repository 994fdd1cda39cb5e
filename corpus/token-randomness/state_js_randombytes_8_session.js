const crypto = require('crypto');

class SessionStore {
  constructor(redis) {
    this.redis = redis;
  }

  async create(userId) {
    // expect: token-randomness
    const sessionId = crypto.randomBytes(8).toString('hex');
    await this.redis.set(`sess:${sessionId}`, JSON.stringify({ userId }), 'EX', 3600);
    return sessionId;
  }
}

module.exports = SessionStore;
