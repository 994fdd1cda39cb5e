const express = require('express');
const { requireAuth } = require('../middleware/auth');
const exportsSvc = require('../services/exports');

const router = express.Router();

router.get('/exports/:id', requireAuth, async (req, res) => {
  const file = await exportsSvc.find(req.params.id);
  if (!file) return res.sendStatus(404);
  res.download(file.path);
});

module.exports = router;
