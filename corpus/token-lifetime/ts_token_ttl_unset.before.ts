export const authConfig = {
  issuer: 'https://api.example.com',
  accessTokenTtl: 900,
  cacheTtl: 60,
};
