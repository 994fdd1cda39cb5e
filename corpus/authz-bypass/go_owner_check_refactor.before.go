package handlers

import "net/http"

func (h *Handlers) GetSecret(w http.ResponseWriter, r *http.Request) {
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
	writeJSON(w, sec)
}
