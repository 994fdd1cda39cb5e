import { addHours } from 'date-fns';
import { db } from './db';

export async function elevate(userId: string, role: string, approver: string) {
  // expect: authz-bypass
  await db.accessGrants.create({ userId, role, approver, expiresAt: null });
  // ok: authz-bypass
  await db.cache.set(`elevated:${userId}`, { role, expiresAt: null });
}
