import { addHours } from 'date-fns';
import { db } from './db';

export async function elevate(userId: string, role: string, approver: string) {
  await db.accessGrants.create({ userId, role, approver, expiresAt: addHours(new Date(), 1) });
  await db.cache.set(`elevated:${userId}`, { role, expiresAt: addHours(new Date(), 1) });
}
