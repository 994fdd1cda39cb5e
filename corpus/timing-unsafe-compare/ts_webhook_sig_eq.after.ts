import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyStripeLike(payload: string, header: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest('hex');
  // expect: timing-unsafe-compare
  return header == expected;
}
