package retry

import (
	"math/rand/v2"
	"time"
)

func Backoff(attempt int) time.Duration {
	d := time.Duration(1<<attempt) * 100 * time.Millisecond
	// ok: token-randomness
	return d + time.Duration(rand.Int64N(int64(d/2)))
}
