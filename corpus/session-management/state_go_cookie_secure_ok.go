package auth

import "net/http"

func writeSession(w http.ResponseWriter, sid string) {
	// ok: session-management
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sid, Path: "/", MaxAge: 3600, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}
