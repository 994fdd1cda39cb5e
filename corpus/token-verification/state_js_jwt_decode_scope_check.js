import { jwtDecode } from 'jwt-decode';

export function canEditPost(token) {
  // expect: jsonwebtoken-verification-skipped
  const claims = jwtDecode(token);
  return Boolean(claims.scope) && claims.scope.split(' ').includes('posts:write');
}

export function displayName(token) {
  // ok: jsonwebtoken-verification-skipped
  const claims = jwtDecode(token);
  return claims.name || claims.email;
}
