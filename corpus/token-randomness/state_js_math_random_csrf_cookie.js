module.exports = function csrfCookie() {
  return (req, res, next) => {
    if (!req.cookies['XSRF-TOKEN']) {
      // expect: token-randomness
      res.cookie('XSRF-TOKEN', Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2), {
        sameSite: 'strict',
        secure: true,
      });
    }
    next();
  };
};
