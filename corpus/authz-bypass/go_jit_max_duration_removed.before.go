package access

import (
	"errors"
	"time"
)

const maxElevation = 4 * time.Hour

func (s *Service) Elevate(principal, role, approver string, d time.Duration) (Grant, error) {
	if approver == "" || approver == principal {
		return Grant{}, errors.New("needs an independent approver")
	}
	if d <= 0 || d > maxElevation {
		return Grant{}, errors.New("elevation must be between 0 and 4h")
	}
	return s.store.Insert(Grant{Principal: principal, Role: role, Approver: approver, ExpiresAt: time.Now().Add(d)})
}
