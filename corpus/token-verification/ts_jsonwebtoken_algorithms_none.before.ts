import jwt from 'jsonwebtoken';

export function verifyPreviewToken(token: string, secret: string) {
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}
