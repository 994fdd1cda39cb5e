import type { NextAuthOptions } from 'next-auth';

export const sessionOptions: NextAuthOptions['session'] = {
  strategy: 'jwt',
  maxAge: 30 * 24 * 60 * 60,
};
