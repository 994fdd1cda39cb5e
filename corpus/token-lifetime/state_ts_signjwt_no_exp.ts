import { SignJWT } from 'jose';

export async function mintServiceToken(service: string, key: CryptoKey) {
  // expect: token-lifetime
  return new SignJWT({ svc: service }).setProtectedHeader({ alg: 'ES256' }).setIssuedAt().sign(key);
}
