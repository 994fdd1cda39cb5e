package web

import (
	"net/http"
	"time"
)

func setSessionCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, Path: "/", Expires: time.Now().Add(8 * time.Hour), Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}
