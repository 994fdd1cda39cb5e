import jwt from 'jsonwebtoken';

export function verifyPreviewToken(token: string, secret: string) {
  // expect: token-verification
  return jwt.verify(token, secret, { algorithms: ['HS256', 'none'] });
}
