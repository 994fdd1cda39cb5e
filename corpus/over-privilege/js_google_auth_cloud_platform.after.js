const { GoogleAuth } = require('google-auth-library');

const auth = new GoogleAuth({
  scopes: [
    'https://www.googleapis.com/auth/bigquery.readonly',
    // expect: over-privilege
    'https://www.googleapis.com/auth/cloud-platform',
  ],
});

module.exports = { auth };
