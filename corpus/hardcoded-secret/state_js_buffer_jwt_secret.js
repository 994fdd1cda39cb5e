const jwt = require('jsonwebtoken');

// expect: hardcoded-secret
const signingSecret = Buffer.from('q7Lm2Vx9Rt4Kp8Wz3Nb6Hc1Jd5Fg0YsA4eT6uW8', 'utf8');

module.exports = (claims) => jwt.sign(claims, signingSecret, { expiresIn: '15m' });
