async function login(req, res) {
  const user = await users.checkPassword(req.body.email, req.body.password);
  if (!user) return res.status(401).render('login', { error: 'Invalid credentials' });
  // expect: session-management
  req.session.userId = user.id;
  res.redirect('/');
}

module.exports = { login };
