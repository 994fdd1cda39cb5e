import { NextResponse } from 'next/server';
import { getToken } from 'next-auth/jwt';

export async function middleware(req) {
  const token = await getToken({ req });
  if (!token) return NextResponse.redirect(new URL('/api/auth/signin', req.url));
  return NextResponse.next();
}

export const config = {
  matcher: ['/account/:path*', '/billing/:path*', '/api/internal/:path*'],
};
