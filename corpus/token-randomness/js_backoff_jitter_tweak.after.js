async function withRetry(fn, attempts = 5) {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i + 1 >= attempts) throw err;
      // ok: token-randomness
      const delay = Math.random() * 2 ** i * 100;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

module.exports = { withRetry };
