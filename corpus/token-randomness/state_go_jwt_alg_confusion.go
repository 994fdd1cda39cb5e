package auth

import (
	"github.com/golang-jwt/jwt/v5"
)

type Verifier struct {
	keyMaterial []byte
}

func (v *Verifier) Parse(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	// expect: token-randomness
	_, err := jwt.ParseWithClaims(raw, claims, v.keyFunc, jwt.WithValidMethods([]string{"RS256", "HS256"}))
	return claims, err
}

func (v *Verifier) keyFunc(t *jwt.Token) (interface{}, error) {
	if _, ok := t.Method.(*jwt.SigningMethodRSA); ok {
		return jwt.ParseRSAPublicKeyFromPEM(v.keyMaterial)
	}
	return v.keyMaterial, nil
}
