const express = require('express');
const { ensureLoggedIn } = require('connect-ensure-login');
const billing = require('./billing');

const app = express.Router();

app.post(
  '/billing/card',
  ensureLoggedIn('/login'),
  billing.updateCard,
);
app.get('/billing/history', ensureLoggedIn('/login'), billing.history);

module.exports = app;
