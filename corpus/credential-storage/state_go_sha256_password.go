package accounts

import (
	"crypto/sha256"
	"encoding/hex"
)

type Account struct {
	Email        string
	PasswordHash string
}

func NewAccount(email, password string) Account {
	// expect: credential-storage
	sum := sha256.Sum256([]byte(password))
	return Account{Email: email, PasswordHash: hex.EncodeToString(sum[:])}
}
