import { createHash } from 'node:crypto';
import { prisma } from './db';

export async function registerAccount(email: string, password: string) {
  // expect: credential-storage
  const passwordHash = createHash('sha1').update(password).digest('hex');
  return prisma.account.create({ data: { email, passwordHash } });
}
