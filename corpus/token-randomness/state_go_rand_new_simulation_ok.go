package loadgen

import (
	"math/rand"
	"time"
)

type Generator struct {
	rng  *rand.Rand
	rate float64
}

func NewGenerator(seed int64, rate float64) *Generator {
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	return &Generator{rng: rand.New(rand.NewSource(seed)), rate: rate}
}

// Next returns the delay before the next synthetic request (Poisson arrivals).
func (g *Generator) Next() time.Duration {
	// ok: token-randomness
	return time.Duration(g.rng.ExpFloat64() / g.rate * float64(time.Second))
}

func (g *Generator) PickEndpoint(endpoints []string) string {
	return endpoints[g.rng.Intn(len(endpoints))]
}
