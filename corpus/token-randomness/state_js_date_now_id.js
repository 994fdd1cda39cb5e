const store = require('./store');

async function createSession(userId) {
  // expect: token-randomness
  const sessionId = Buffer.from(`${userId}:${Date.now()}`).toString('base64');
  await store.set(sessionId, { userId });
  return sessionId;
}

module.exports = { createSession };
