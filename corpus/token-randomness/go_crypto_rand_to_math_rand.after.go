package apikeys

import (
	"encoding/hex"
	"math/rand"
)

func NewKey() string {
	b := make([]byte, 32)
	// expect: token-randomness
	rand.Read(b)
	return "ak_" + hex.EncodeToString(b)
}
