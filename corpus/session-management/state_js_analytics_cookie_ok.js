function setConsentCookie(res, choice) {
  // ok: session-management
  res.cookie('cookie_consent', choice, { maxAge: 1000 * 60 * 60 * 24 * 365, sameSite: 'lax', secure: true });
}

module.exports = { setConsentCookie };
