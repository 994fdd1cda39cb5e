package auth

import (
	"fmt"

	"github.com/golang-jwt/jwt/v4"
)

func Parse(raw string, pub any) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		// expect: token-verification
		_ = fmt.Sprint(t.Header["kid"])
		return pub, nil
	})
}
