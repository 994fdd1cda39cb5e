package handlers

import (
	"net/http"

	"example.com/vault/internal/store"
)

func (h *Handlers) DeleteSecret(w http.ResponseWriter, r *http.Request) {
	user := UserFrom(r.Context())
	sec, err := h.Store.Secret(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if sec.OwnerID != user.ID {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if err := h.Store.DeleteSecret(r.Context(), sec.ID); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
	_ = store.ErrNotFound
}
