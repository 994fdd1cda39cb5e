package auth

import "github.com/golang-jwt/jwt/v5"

func VerifyAccess(raw string, secret []byte) (*jwt.Token, error) {
	// ok: token-verification
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) { return secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("auth"), jwt.WithAudience("api"))
}
