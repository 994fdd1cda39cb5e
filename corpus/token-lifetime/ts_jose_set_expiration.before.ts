import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.API_TOKEN_SECRET);

export async function mintApiToken(clientId: string) {
  return new SignJWT({ scope: 'read:metrics' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(secret);
}
