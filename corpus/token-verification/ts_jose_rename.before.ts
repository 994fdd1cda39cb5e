import { createRemoteJWKSet, jwtVerify } from 'jose';

const keys = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));

export async function verify(token: string) {
  const { payload } = await jwtVerify(token, keys, {
    issuer: 'https://auth.example.com/',
    audience: 'reports-api',
  });
  return payload;
}
