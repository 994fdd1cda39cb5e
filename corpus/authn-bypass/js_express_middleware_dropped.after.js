const express = require('express');
const { requireAuth } = require('../middleware/auth');
const reports = require('../services/reports');

const router = express.Router();

router.get('/reports', requireAuth, async (req, res) => {
  res.json(await reports.listFor(req.user.orgId));
});

// expect: authn-bypass
router.post('/reports/:id/share', async (req, res) => {
  const link = await reports.createShareLink(req.params.id, req.body.expiresInDays);
  res.status(201).json({ url: link });
});

module.exports = router;
