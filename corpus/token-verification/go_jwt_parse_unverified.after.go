package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

func SubjectFrom(raw string, key []byte) (string, error) {
	claims := jwt.MapClaims{}
	// expect: token-verification
	_, _, err := jwt.NewParser().ParseUnverified(raw, claims)
	if err != nil {
		return "", errors.New("bad token")
	}
	sub, _ := claims["sub"].(string)
	return sub, nil
}
