package auth

// expect: hardcoded-secret
var jwtSigningKey = []byte("f3c1b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3")

func SigningKey() []byte { return jwtSigningKey }
