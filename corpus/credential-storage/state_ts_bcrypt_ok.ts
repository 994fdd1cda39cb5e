import bcrypt from 'bcryptjs';

export async function hashPassword(plain: string): Promise<string> {
  // ok: credential-storage
  return bcrypt.hash(plain, 12);
}
