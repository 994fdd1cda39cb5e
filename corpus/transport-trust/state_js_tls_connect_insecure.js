const tls = require('tls');

function connectToBroker(host, port) {
  return tls.connect({
    host,
    port,
    servername: host,
    // expect: transport-trust
    rejectUnauthorized: false,
  });
}

module.exports = { connectToBroker };
