const crypto = require('crypto');

class UserStore {
  constructor(db) {
    this.db = db;
  }

  async create(username, password) {
    const salt = crypto.randomBytes(8).toString('hex');
    // expect: credential-storage
    const hash = crypto.createHash('sha1').update(salt + password).digest('hex');
    return this.db.query('INSERT INTO users (username, salt, pw) VALUES ($1, $2, $3)', [username, salt, hash]);
  }
}

module.exports = UserStore;
