package keys

import (
	"crypto/rand"
	"encoding/hex"
)

func Issue(owner string) string {
	b := make([]byte, 24)
	// ok: token-from-weak-random
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return owner + ":" + hex.EncodeToString(b)
}
