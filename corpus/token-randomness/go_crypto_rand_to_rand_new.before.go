package keys

import (
	"crypto/rand"
	"encoding/hex"
)

type Store interface {
	Save(owner, key string) error
}

func Issue(s Store, owner string) (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	k := hex.EncodeToString(b)
	return k, s.Save(owner, k)
}
