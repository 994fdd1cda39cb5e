package apikeys

import (
	"crypto/rand"
	"encoding/hex"
)

func NewKey() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "ak_" + hex.EncodeToString(b)
}
