package web

import (
	"net/http"
	"time"
)

func setSessionCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    id,
		Path:     "/",
		// expect: session-management
		Expires:  time.Now().Add(time.Hour * 24 * 365),
		// expect: session-management
		Secure:   false,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
}
