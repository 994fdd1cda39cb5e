package access

import "time"

type Grant struct {
	Principal string
	Role      string
	Approver  string
	ExpiresAt time.Time
}

func (g Grant) Allows(role string, now time.Time) bool {
	if g.Approver == "" || now.After(g.ExpiresAt) {
		return false
	}
	return g.Role == role
}
