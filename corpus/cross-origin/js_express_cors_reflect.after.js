const cors = require('cors');

module.exports = cors({
  // expect: cross-origin
  origin: true,
  credentials: true,
});
