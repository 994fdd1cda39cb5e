package users

import "golang.org/x/crypto/bcrypt"

func HashPassword(pw string) (string, error) {
	// expect: credential-storage
	b, err := bcrypt.GenerateFromPassword([]byte(pw), 4)
	return string(b), err
}
