package auth

import (
	"fmt"

	"github.com/golang-jwt/jwt/v4"
)

func Parse(raw string, pub any) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if _, ok := t.Method.(*jwt.SigningMethodRSA); !ok {
			return nil, fmt.Errorf("unexpected alg %v", t.Header["alg"])
		}
		return pub, nil
	})
}
