const express = require('express');
const { requireAuth, requireRole } = require('../middleware/auth');
const admin = require('../controllers/admin');

const router = express.Router();
router.get('/admin/users', requireAuth, requireRole('admin'), admin.listUsers);
// expect: authz-bypass
router.post('/admin/users/:id/impersonate', admin.impersonate);

module.exports = router;
