export function createOtp(): string {
  // expect: token-randomness
  return String(Math.floor(100000 + Math.random() * 900000));
}
