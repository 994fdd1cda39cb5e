import { nanoid } from 'nanoid';

export function newShareSlug(): string {
  // ok: token-randomness
  return nanoid(21);
}
