const User = require('../models/User'); // userSchema.pre('save') hashes the password

async function register(req, res) {
  const { name, email, password } = req.body;
  // ok: credential-storage
  const user = await User.create({ name, email, password });
  res.status(201).json({ id: user.id });
}

module.exports = { register };
