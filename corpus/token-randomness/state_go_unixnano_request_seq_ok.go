package telemetry

import (
	"fmt"
	"sync/atomic"
	"time"
)

var seq uint64

// SpanName builds a readable, unique-enough name for a trace span.
func SpanName(op string) string {
	n := atomic.AddUint64(&seq, 1)
	// ok: token-randomness
	return fmt.Sprintf("%s-%d-%d", op, time.Now().UnixNano(), n)
}
