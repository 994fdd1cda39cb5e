package access

import "time"

func (g Grant) Active(now time.Time) bool {
	return g.Approver != "" && now.Before(g.ExpiresAt)
}
