export const authConfig = {
  issuer: 'https://api.example.com',
  // expect: token-lifetime-extended
  accessTokenTtl: null,
  // ok: token-lifetime-extended
  cacheTtl: null,
};
