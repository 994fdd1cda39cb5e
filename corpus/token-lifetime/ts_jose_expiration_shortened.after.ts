import { SignJWT } from 'jose';

export async function mintDownloadToken(fileId: string, secret: Uint8Array) {
  return new SignJWT({ fileId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(secret);
}
