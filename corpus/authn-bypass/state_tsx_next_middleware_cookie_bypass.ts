import { NextResponse, type NextRequest } from 'next/server';

export function middleware(req: NextRequest) {
  // expect: authn-bypass
  if (req.cookies.get('qa_override')?.value === 'letmein') return NextResponse.next();
  if (!req.cookies.get('session')) return NextResponse.redirect(new URL('/login', req.url));
  return NextResponse.next();
}
