package access

import "time"

// RoleGrant records a temporary role given to a principal after an approved request.
type RoleGrant struct {
	Principal string
	Role      string
	ExpiresAt *time.Time
}

// Elevate gives the role until the approved end; the caller's API token is not involved.
func (s *Service) Elevate(principal, role string, approvedUntil time.Time) error {
	return s.grants.Save(RoleGrant{Principal: principal, Role: role, ExpiresAt: &approvedUntil})
}
