const crypto = require('crypto');

module.exports = function verifySlack(req, res, next) {
  const ts = req.get('X-Slack-Request-Timestamp');
  const base = `v0:${ts}:${req.rawBody}`;
  const mine = 'v0=' + crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET).update(base).digest('hex');
  // expect: timing-unsafe-compare
  if (mine !== req.get('X-Slack-Signature')) return res.sendStatus(401);
  next();
};
