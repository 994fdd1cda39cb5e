function newSessionId() {
  // expect: token-randomness
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

module.exports = { newSessionId };
