package accounts

import "golang.org/x/crypto/bcrypt"

func Hash(password string) ([]byte, error) {
	// ok: credential-storage
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost+2)
}
