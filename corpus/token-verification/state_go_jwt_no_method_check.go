package auth

import "github.com/golang-jwt/jwt/v5"

func Verify(raw string, secret []byte) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	// expect: token-verification
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) { return secret, nil }, jwt.WithoutClaimsValidation())
	return claims, err
}
