const cors = require('cors');

const allowed = ['https://dashboard.example.com'];

module.exports = cors({
  origin: (origin, cb) => cb(null, !origin || allowed.includes(origin)),
  credentials: true,
});
