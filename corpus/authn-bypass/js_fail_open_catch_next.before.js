const { verifyToken } = require('../auth/tokens');

module.exports = async function auth(req, res, next) {
  try {
    req.user = await verifyToken(req.get('authorization'));
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'unauthorized' });
  }
};
