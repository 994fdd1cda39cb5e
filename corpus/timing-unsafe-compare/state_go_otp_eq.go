package mfa

import "fmt"

func (s *Service) VerifyCode(userID, code string) (bool, error) {
	stored, err := s.store.PendingCode(userID)
	if err != nil {
		return false, fmt.Errorf("lookup: %w", err)
	}
	// expect: timing-unsafe-compare
	return stored == code, nil
}
