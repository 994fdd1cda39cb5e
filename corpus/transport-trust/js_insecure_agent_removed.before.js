const https = require('https');
const axios = require('axios');

module.exports = axios.create({
  baseURL: process.env.LDAP_PROXY_URL,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
});
