package lb

import "math/rand/v2"

func Pick(backends []string) string {
	// ok: token-randomness
	return backends[rand.IntN(len(backends))]
}
