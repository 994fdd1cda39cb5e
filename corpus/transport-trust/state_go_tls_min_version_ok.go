package idp

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func Client(pool *x509.CertPool) *http.Client {
	// ok: transport-trust
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13}}
	return &http.Client{Transport: tr}
}
