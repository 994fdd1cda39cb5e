function setRefreshCookie(res, token) {
  res.cookie('refresh_token', token, {
    httpOnly: true,
    path: '/auth/refresh',
  });
}

module.exports = { setRefreshCookie };
