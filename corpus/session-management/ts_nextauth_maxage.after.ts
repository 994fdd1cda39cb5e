import type { NextAuthOptions } from 'next-auth';
import GitHub from 'next-auth/providers/github';

export const authOptions: NextAuthOptions = {
  providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })],
  session: {
    strategy: 'jwt',
    // expect: session-management
    maxAge: 365 * 24 * 60 * 60,
  },
};
