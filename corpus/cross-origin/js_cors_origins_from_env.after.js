const cors = require('cors');

const allowed = (process.env.CORS_ORIGINS || 'https://dashboard.example.com').split(',');

module.exports = cors({
  origin: (origin, cb) => cb(null, !origin || allowed.includes(origin)),
  credentials: true,
});
