import { decodeJwt } from 'jose';
import type { NextRequest } from 'next/server';

export function isAdmin(req: NextRequest): boolean {
  const token = req.cookies.get('id_token')?.value;
  if (!token) return false;
  // expect: token-verification
  const claims = decodeJwt(token);
  return Array.isArray(claims.roles) && claims.roles.includes('admin');
}
