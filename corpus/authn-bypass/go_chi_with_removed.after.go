package routes

import (
	"github.com/go-chi/chi/v5"

	"example.com/crm/auth"
	"example.com/crm/contacts"
)

func Mount(r chi.Router, svc *contacts.Service) {
	r.Route("/contacts", func(r chi.Router) {
		// expect: authn-bypass
		r.Use(contacts.Paginate)
		r.Get("/", svc.List)
		r.Delete("/{id}", svc.Delete)
	})
}
