const crypto = require('crypto');
const path = require('path');

function assetName(file) {
  const ext = path.extname(file);
  // ok: token-randomness
  const suffix = crypto.randomBytes(4).toString('hex');
  return `${path.basename(file, ext)}.${suffix}${ext}`;
}

module.exports = { assetName };
