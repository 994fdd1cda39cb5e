package tokens

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// expect: token-lifetime
const accessTTL = time.Hour * 24 * 30

func Issue(sub string, key []byte) (string, error) {
	now := time.Now()
	claims := jwt.RegisteredClaims{
		Subject:   sub,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(accessTTL)),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
}
