const cookieSession = require('cookie-session');

module.exports = cookieSession({
  name: 'session',
  keys: [process.env.COOKIE_KEY_1, process.env.COOKIE_KEY_2],
  // expect: session-management
  httpOnly: false,
  secure: process.env.NODE_ENV === 'production',
  maxAge: 4 * 60 * 60 * 1000,
});
