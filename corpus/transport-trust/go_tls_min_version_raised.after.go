package idp

import (
	"crypto/tls"
	"net/http"
)

func Transport() *http.Transport {
	return &http.Transport{
		TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS13},
	}
}
