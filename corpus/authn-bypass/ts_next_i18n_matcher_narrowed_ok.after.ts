import { NextResponse, type NextRequest } from 'next/server';

export function middleware(req: NextRequest) {
  const locale = req.headers.get('accept-language')?.split(',')[0] ?? 'en';
  return NextResponse.rewrite(new URL(`/${locale}${req.nextUrl.pathname}`, req.url));
}

export const config = {
  // ok: authn-bypass
  matcher: ['/docs/:path*'],
};
