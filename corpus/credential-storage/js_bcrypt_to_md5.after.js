const crypto = require('crypto');
const db = require('../db');

async function createUser(email, password) {
  // expect: credential-storage
  const hash = crypto.createHash('md5').update(password).digest('hex');
  return db.users.insert({ email, password_hash: hash });
}

module.exports = { createUser };
