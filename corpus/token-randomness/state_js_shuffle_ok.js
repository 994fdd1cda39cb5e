function shuffle(items) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    // ok: token-randomness
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

module.exports = { shuffle };
