package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
)

func Valid(body, sig, secret []byte) bool {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return hmac.Equal(mac.Sum(nil), sig)
}
