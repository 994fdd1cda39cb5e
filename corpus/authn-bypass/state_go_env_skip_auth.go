package middleware

import (
	"net/http"
	"os"
)

func RequireUser(v Verifier) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// expect: authn-bypass
			if os.Getenv("AUTH_MODE") == "off" {
				next.ServeHTTP(w, r)
				return
			}
			if _, err := v.Verify(r); err != nil {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
