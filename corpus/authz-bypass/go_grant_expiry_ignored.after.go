package access

import "time"

type Grant struct {
	Principal string
	Role      string
	Approver  string
	ExpiresAt time.Time
}

func (g Grant) Allows(role string, now time.Time) bool {
	// expect: authz-bypass
	if g.Approver == "" {
		return false
	}
	return g.Role == role
}
