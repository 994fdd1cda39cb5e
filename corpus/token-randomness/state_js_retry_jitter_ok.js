function delayFor(attempt) {
  const base = Math.min(10_000, 250 * 2 ** attempt);
  // ok: token-randomness
  return base / 2 + Math.random() * (base / 2);
}

module.exports = { delayFor };
