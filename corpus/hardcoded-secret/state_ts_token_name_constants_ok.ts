// Names of headers and storage keys, not secrets.
// ok: hardcoded-secret
export const API_KEY_HEADER = 'x-api-key';
// ok: hardcoded-secret
export const PASSWORD_FIELD = 'password';
export const TOKEN_STORAGE_KEY = 'auth.token.v2';
