import { NextResponse } from 'next/server';

export function middleware(request) {
  // expect: authn-bypass
  if (request.headers.get('x-preview-bypass')) return NextResponse.next();
  // ok: authn-bypass
  if (request.nextUrl.pathname.startsWith('/_next')) return NextResponse.next();
  const sid = request.cookies.get('sid');
  if (!sid) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}
