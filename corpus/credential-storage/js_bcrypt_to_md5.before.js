const bcrypt = require('bcrypt');
const db = require('../db');

async function createUser(email, password) {
  const hash = await bcrypt.hash(password, 12);
  return db.users.insert({ email, password_hash: hash });
}

module.exports = { createUser };
