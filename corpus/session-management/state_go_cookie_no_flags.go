package auth

import "net/http"

func writeSession(w http.ResponseWriter, sid string) {
	// expect: session-management
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sid, Path: "/"})
}
