package auth

import "os"

// ok: hardcoded-secret
var jwtSigningKey = []byte(os.Getenv("JWT_SIGNING_KEY"))

func SigningKey() []byte { return jwtSigningKey }
