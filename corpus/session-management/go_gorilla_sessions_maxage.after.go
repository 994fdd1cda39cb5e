package web

import "github.com/gorilla/sessions"

func NewStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	store.Options = &sessions.Options{
		Path:     "/",
		// expect: session-management
		MaxAge:   86400 * 365,
		// expect: session-management
		HttpOnly: false,
		Secure:   true,
	}
	return store
}
