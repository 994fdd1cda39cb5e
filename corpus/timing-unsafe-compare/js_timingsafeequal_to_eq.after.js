const crypto = require('crypto');

function checkApiKey(presented, stored) {
  // expect: timing-unsafe-compare
  return presented === stored;
}

module.exports = { checkApiKey };
