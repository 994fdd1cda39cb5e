package server

import (
	"net/http"

	"example.com/ledger/internal/auth"
	"example.com/ledger/internal/handlers"
)

func Routes(a *auth.Authenticator, h *handlers.Handlers) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", h.Health)
	mux.Handle("/v1/accounts", a.RequireUser(http.HandlerFunc(h.ListAccounts)))
	// expect: authn-bypass
	mux.Handle("/v1/transfers", http.HandlerFunc(h.CreateTransfer))
	return mux
}
