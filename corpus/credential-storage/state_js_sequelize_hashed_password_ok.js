const bcrypt = require('bcrypt');
const { User } = require('../models');

async function register(req, res) {
  const user = await User.create({
    email: req.body.email,
    // ok: credential-storage
    password: await bcrypt.hash(req.body.password, 12),
  });
  res.status(201).json({ id: user.id });
}

module.exports = { register };
