package admin

import "crypto/subtle"

func tokenMatches(got, want string) bool {
	// ok: timing-unsafe-compare
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
