const pino = require('pino');

// ok: secret-exposure
module.exports = pino({ redact: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.token'] });
