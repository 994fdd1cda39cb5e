const express = require('express');
const { findUser, verifyPassword, saveRememberToken } = require('../db');

const router = express.Router();

router.post('/login', async (req, res) => {
  const user = await findUser(req.body.email);
  if (!user || !(await verifyPassword(user, req.body.password))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  if (req.body.remember) {
    // expect: token-randomness
    const value = Buffer.from(`${user.id}:${Date.now()}`).toString('base64');
    await saveRememberToken(user.id, value);
    res.cookie('remember_me', value, { httpOnly: true, secure: true, maxAge: 30 * 24 * 3600 * 1000 });
  }
  // expect: session-management
  req.session.userId = user.id;
  res.json({ ok: true });
});

module.exports = router;
