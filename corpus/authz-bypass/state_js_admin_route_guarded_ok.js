const express = require('express');
const { requireAuth, requireRole } = require('../middleware/auth');
const admin = require('../controllers/admin');

const router = express.Router();
router.use('/admin', requireAuth, requireRole('admin'));
router.get('/admin/users', admin.listUsers);
// ok: authz-bypass
router.post('/admin/users/:id/impersonate', admin.impersonate);

module.exports = router;
