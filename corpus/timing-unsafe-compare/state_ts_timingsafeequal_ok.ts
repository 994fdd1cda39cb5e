import { createHmac, timingSafeEqual } from 'node:crypto';

export function validSignature(body: string, sig: string, secret: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(sig);
  // ok: timing-unsafe-compare
  return expected.length === given.length && timingSafeEqual(expected, given);
}
