function rememberTheme(res, theme) {
  res.cookie('theme', theme, { maxAge: 1000 * 60 * 60 * 24 * 30 });
}

module.exports = { rememberTheme };
