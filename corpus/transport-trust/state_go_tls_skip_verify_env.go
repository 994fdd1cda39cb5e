package ldapauth

import (
	"crypto/tls"
	"os"

	"github.com/go-ldap/ldap/v3"
)

func Dial(addr string) (*ldap.Conn, error) {
	cfg := &tls.Config{
		ServerName: os.Getenv("LDAP_SERVER_NAME"),
		// expect: transport-trust
		InsecureSkipVerify: true,
	}
	return ldap.DialURL("ldaps://"+addr, ldap.DialWithTLSConfig(cfg))
}
