package admin

import (
	"net/http"
	"os"
	"strings"
)

var adminToken = os.Getenv("ADMIN_TOKEN")

func RequireAdminToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		// expect: timing-unsafe-compare
		if tok == "" || tok != adminToken {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
