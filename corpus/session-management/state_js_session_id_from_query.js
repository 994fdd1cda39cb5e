const sessions = require('./sessionStore');

module.exports = async function attachSession(req, res, next) {
  // expect: session-management
  const sid = req.query.sid || req.cookies.sid;
  req.session = sid ? await sessions.get(sid) : null;
  if (sid) res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  next();
};
