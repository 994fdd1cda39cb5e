package access

import (
	"errors"
	"time"
)

// expect: authz-bypass
func (s *Service) Elevate(principal, role, approver string, d time.Duration) (Grant, error) {
	if approver == "" || approver == principal {
		return Grant{}, errors.New("needs an independent approver")
	}
	return s.store.Insert(Grant{Principal: principal, Role: role, Approver: approver, ExpiresAt: time.Now().Add(d)})
}
