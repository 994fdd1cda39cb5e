function generateVerificationToken(length = 32) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) {
    // expect: token-randomness
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

module.exports = { generateVerificationToken };
