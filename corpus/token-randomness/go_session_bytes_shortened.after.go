package session

import (
	"crypto/rand"
	"encoding/base64"
)

func NewID() (string, error) {
	// expect: token-randomness
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
