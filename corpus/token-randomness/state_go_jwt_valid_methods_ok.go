package auth

import (
	"crypto/rsa"

	"github.com/golang-jwt/jwt/v5"
)

type Verifier struct {
	key *rsa.PublicKey
}

func (v *Verifier) Parse(raw string) (*jwt.RegisteredClaims, error) {
	claims := &jwt.RegisteredClaims{}
	keyFunc := func(t *jwt.Token) (interface{}, error) { return v.key, nil }
	// ok: token-randomness
	_, err := jwt.ParseWithClaims(raw, claims, keyFunc, jwt.WithValidMethods([]string{"RS256", "ES256"}), jwt.WithAudience("api"))
	if err != nil {
		return nil, err
	}
	return claims, nil
}
