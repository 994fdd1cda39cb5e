package oauth

import "log/slog"

func logExchange(clientID string, scopes []string) {
	// ok: secret-exposure
	slog.Info("token exchange", "client_id", clientID, "scopes", scopes)
}
