const jose = require('jose');

async function mintWebhookToken(secret, hookId) {
  const key = new TextEncoder().encode(secret);
  // expect: token-issued-without-expiry
  return await new jose.SignJWT({ hook: hookId }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

async function mintShortToken(secret, hookId) {
  const key = new TextEncoder().encode(secret);
  const exp = Math.floor(Date.now() / 1000) + 300;
  // ok: token-issued-without-expiry
  return await new jose.SignJWT({ hook: hookId, exp }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

module.exports = { mintWebhookToken, mintShortToken };
