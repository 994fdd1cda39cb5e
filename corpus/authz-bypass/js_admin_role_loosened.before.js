function requireRole(role) {
  return (req, res, next) => {
    if (req.user && req.user.roles.includes(role)) return next();
    return res.status(403).json({ error: 'forbidden' });
  };
}

module.exports = { requireRole };
