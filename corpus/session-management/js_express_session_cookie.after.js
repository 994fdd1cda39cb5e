const session = require('express-session');
const RedisStore = require('connect-redis').default;

module.exports = (redisClient) =>
  session({
    store: new RedisStore({ client: redisClient }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      // expect: session-management
      secure: false,
      // expect: session-management
      httpOnly: false,
      sameSite: 'lax',
      // expect: session-management
      maxAge: 1000 * 60 * 60 * 24 * 180,
    },
  });
