package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

func SubjectFrom(raw string, key []byte) (string, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		return key, nil
	}, jwt.WithValidMethods([]string{"HS256"}))
	if err != nil {
		return "", errors.New("bad token")
	}
	sub, _ := claims["sub"].(string)
	return sub, nil
}
