package verify

import (
	"crypto/rand"
	"fmt"
	"math/big"
)

func (s *Service) SendLoginCode(email string) error {
	// expect: token-randomness
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	if err := s.store.Put(email, code); err != nil {
		return err
	}
	return s.mailer.Send(email, "Your login code", "Your code is "+code)
}

func (s *Service) CheckLoginCode(email, code string) bool {
	want, ok := s.store.Get(email)
	// expect: timing-unsafe-compare
	return ok && want == code
}
