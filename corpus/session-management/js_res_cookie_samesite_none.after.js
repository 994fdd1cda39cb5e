function setRefreshCookie(res, token) {
  res.cookie('refresh_token', token, {
    httpOnly: true,
    // expect: session-management
    sameSite: 'none',
    path: '/auth/refresh',
  });
}

module.exports = { setRefreshCookie };
