const https = require('https');
const axios = require('axios');

const client = axios.create({
  baseURL: process.env.LDAP_PROXY_URL,
  // expect: transport-trust
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
  timeout: 4000,
});

module.exports = client;
