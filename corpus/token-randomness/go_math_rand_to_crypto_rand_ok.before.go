package keys

import (
	"encoding/hex"
	"math/rand"
)

func Issue(owner string) string {
	b := make([]byte, 24)
	rand.Read(b)
	return owner + ":" + hex.EncodeToString(b)
}
