package server

import (
	"net/http"

	"example.com/ledger/internal/auth"
	"example.com/ledger/internal/handlers"
)

func Routes(a *auth.Authenticator, h *handlers.Handlers) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", h.Health)
	mux.Handle("/v1/statements", a.RequireUser(http.HandlerFunc(h.ListStatements)))
	return mux
}
