import session from 'express-session';

export const sessions = session({
  secret: process.env.SESSION_SECRET!,
  resave: false,
  saveUninitialized: false,
  // ok: session-management
  cookie: { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 60 * 60 * 1000 },
});
