package tokens

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func IssueRefresh(sub string, key []byte) (string, error) {
	claims := jwt.RegisteredClaims{
		Subject:   sub,
		IssuedAt:  jwt.NewNumericDate(time.Now()),
	}
	// expect: token-lifetime
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
}
