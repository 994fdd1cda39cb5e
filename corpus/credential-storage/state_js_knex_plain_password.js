const knex = require('../db');

async function register(req, res) {
  const [id] = await knex('users').insert({
    email: req.body.email,
    // expect: credential-storage
    password: req.body.password,
  });
  res.status(201).json({ id });
}

module.exports = { register };
