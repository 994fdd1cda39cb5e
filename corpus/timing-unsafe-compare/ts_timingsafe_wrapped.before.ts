import { timingSafeEqual } from 'node:crypto';

export function checkKey(presented: string, expected: string): boolean {
  return presented.length === expected.length && timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}
