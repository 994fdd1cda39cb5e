package keys

import (
	"fmt"
	"math/rand"
	"time"
)

func NewAPIKey() string {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	// expect: token-randomness
	return fmt.Sprintf("key_%016x%016x", r.Uint64(), r.Uint64())
}
