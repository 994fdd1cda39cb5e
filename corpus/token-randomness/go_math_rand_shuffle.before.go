package lb

import "sync/atomic"

var next atomic.Uint64

func Pick(backends []string) string {
	return backends[next.Add(1)%uint64(len(backends))]
}
