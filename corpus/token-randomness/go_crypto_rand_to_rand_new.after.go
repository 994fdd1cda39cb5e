package keys

import (
	"encoding/hex"
	"math/rand"
	"time"
)

type Store interface {
	Save(owner, key string) error
}

var src = rand.New(rand.NewSource(time.Now().UnixNano()))

func Issue(s Store, owner string) (string, error) {
	b := make([]byte, 24)
	// expect: token-randomness
	src.Read(b)
	k := hex.EncodeToString(b)
	return k, s.Save(owner, k)
}
