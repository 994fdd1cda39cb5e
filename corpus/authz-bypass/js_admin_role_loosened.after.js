function requireRole(role) {
  return (req, res, next) => {
    // expect: authz-bypass
    if (req.user) return next();
    return res.status(403).json({ error: 'forbidden' });
  };
}

module.exports = { requireRole };
