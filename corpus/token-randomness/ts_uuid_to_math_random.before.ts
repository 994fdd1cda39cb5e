export function generateInviteCode(): string {
  return crypto.randomUUID();
}
