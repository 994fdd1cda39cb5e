function rememberTheme(res, theme) {
  // ok: session-management
  res.cookie('theme', theme, { maxAge: 1000 * 60 * 60 * 24 * 365, sameSite: 'lax' });
}

module.exports = { rememberTheme };
