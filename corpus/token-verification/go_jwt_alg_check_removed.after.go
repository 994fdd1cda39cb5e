package gateway

import (
	jwt "github.com/golang-jwt/jwt/v5"
)

type Claims struct {
	jwt.RegisteredClaims
	Tenant string `json:"tenant"`
}

func ParseClaims(raw string, key []byte) (*Claims, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(raw, &c, func(tok *jwt.Token) (any, error) {
		// expect: jwt-verification-disabled
		return key, nil
	})
	return &c, err
}

func ParseStrict(raw string, key []byte) (*Claims, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(raw, &c, func(tok *jwt.Token) (any, error) {
		// ok: jwt-verification-disabled
		return key, nil
	}, jwt.WithValidMethods([]string{"HS256"}))
	return &c, err
}
