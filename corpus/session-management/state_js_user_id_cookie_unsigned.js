const bcrypt = require('bcrypt');

module.exports = async function login(req, res) {
  const user = await users.findByEmail(req.body.email);
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {
    return res.status(401).end();
  }
  // expect: session-management
  res.cookie('userId', user.id, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.redirect('/');
};
