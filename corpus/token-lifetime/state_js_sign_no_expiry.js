const jwt = require('jsonwebtoken');

exports.issuePersonalAccessToken = (user, scopes) =>
  // expect: token-lifetime
  jwt.sign({ sub: user.id, scopes }, process.env.PAT_SECRET, { algorithm: 'HS256' });
