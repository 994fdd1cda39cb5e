export function newRequestToken(): string {
  return crypto.randomUUID();
}
