package access

import "time"

func (g Grant) Active(now time.Time) bool {
	return g.Approver != "" && g.Approver != g.Principal && now.Before(g.ExpiresAt)
}
