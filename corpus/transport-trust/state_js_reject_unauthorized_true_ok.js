const https = require('https');
const fs = require('fs');

const agent = new https.Agent({
  ca: fs.readFileSync('/etc/pki/internal-ca.pem'),
  // ok: transport-trust
  rejectUnauthorized: true,
});

module.exports = agent;
