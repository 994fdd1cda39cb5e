import { prisma } from '@/lib/db';

export async function createUser(email: string, password: string) {
  return prisma.user.create({
    data: {
      email,
      // expect: credential-storage
      password: password,
    },
  });
}
