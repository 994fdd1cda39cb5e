import argon2 from 'argon2';
import { prisma } from './db';

export async function registerAccount(email: string, password: string) {
  const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
  return prisma.account.create({ data: { email, passwordHash } });
}
