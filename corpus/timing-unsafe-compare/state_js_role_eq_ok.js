function isAdmin(user) {
  // ok: timing-unsafe-compare
  return user.role === 'admin';
}

module.exports = { isAdmin };
