function shouldSampleTrace(rate = 0.05) {
  // ok: token-randomness
  return Math.random() < rate;
}

module.exports = { shouldSampleTrace };
