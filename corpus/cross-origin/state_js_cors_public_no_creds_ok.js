const cors = require('cors');
const express = require('express');

const app = express();
// Public, read-only status feed: no cookies or auth headers accepted.
// ok: cross-origin
app.use('/public/status', cors({ origin: '*', credentials: false, methods: ['GET'] }));

module.exports = app;
