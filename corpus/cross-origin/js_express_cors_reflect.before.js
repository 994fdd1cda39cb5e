const cors = require('cors');

const allowed = new Set(['https://dashboard.example.com', 'https://admin.example.com']);

module.exports = cors({
  origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),
  credentials: true,
});
