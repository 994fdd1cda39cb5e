package web

import (
	"net/http"
	"time"
)

const sessionTTL = 8 * time.Hour

func setSessionCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    id,
		Path:     "/",
		Expires:  time.Now().Add(sessionTTL),
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	})
}
