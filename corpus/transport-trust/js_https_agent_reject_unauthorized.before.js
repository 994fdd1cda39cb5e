const https = require('https');
const axios = require('axios');

const client = axios.create({
  baseURL: process.env.LDAP_PROXY_URL,
  httpsAgent: new https.Agent({ keepAlive: true }),
  timeout: 4000,
});

module.exports = client;
