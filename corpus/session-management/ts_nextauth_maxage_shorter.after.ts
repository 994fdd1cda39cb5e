import type { NextAuthOptions } from 'next-auth';

export const sessionOptions: NextAuthOptions['session'] = {
  strategy: 'jwt',
  maxAge: 24 * 60 * 60,
  updateAge: 60 * 60,
};
