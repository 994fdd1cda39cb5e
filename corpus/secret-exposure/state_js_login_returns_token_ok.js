const jwt = require('jsonwebtoken');

module.exports = async function login(req, res) {
  const user = await users.verify(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  // ok: secret-exposure
  return res.json({ accessToken, user: { id: user.id } });
};
