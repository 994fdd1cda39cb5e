async function login(req, res) {
  const user = await users.checkPassword(req.body.email, req.body.password);
  if (!user) return res.status(401).render('login', { error: 'Invalid credentials' });
  req.session.regenerate((err) => {
    if (err) return res.sendStatus(500);
    req.session.userId = user.id;
    res.redirect('/');
  });
}

module.exports = { login };
