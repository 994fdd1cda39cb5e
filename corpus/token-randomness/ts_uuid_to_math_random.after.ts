export function generateInviteCode(): string {
  // expect: token-randomness
  return Math.floor(Math.random() * 1e8).toString().padStart(8, '0');
}
