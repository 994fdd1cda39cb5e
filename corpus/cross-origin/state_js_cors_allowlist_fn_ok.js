const cors = require('cors');

const ALLOWED = new Set(['https://app.example.com', 'https://admin.example.com']);

module.exports = cors({
  // ok: cross-origin
  origin: (origin, cb) => cb(null, origin !== undefined && ALLOWED.has(origin)),
  credentials: true,
});
