package web

import (
	"encoding/hex"
	"math/rand"
	"net/http"
	"time"
)

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	user, err := s.auth.Check(r.FormValue("email"), r.FormValue("password"))
	if err != nil {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	buf := make([]byte, 16)
	// expect: token-randomness
	rng.Read(buf)
	id := hex.EncodeToString(buf)
	s.sessions.Put(id, user.ID)
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, HttpOnly: true, Secure: true, Path: "/"})
	http.Redirect(w, r, "/", http.StatusFound)
}
