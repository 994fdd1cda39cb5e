import { createRemoteJWKSet, jwtVerify } from 'jose';

const remoteKeys = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));

export async function verifyBearer(token: string) {
  const { payload } = await jwtVerify(token, remoteKeys, {
    issuer: 'https://auth.example.com/',
    audience: 'reports-api',
  });
  return payload;
}
