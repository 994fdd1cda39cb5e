function shouldSampleTrace(rate = 0.05) {
  return false;
}

module.exports = { shouldSampleTrace };
