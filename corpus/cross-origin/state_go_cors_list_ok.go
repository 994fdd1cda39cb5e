package server

import "github.com/rs/cors"

func CORS() *cors.Cors {
	return cors.New(cors.Options{
		// ok: cross-origin
		AllowedOrigins:   []string{"https://console.example.com", "https://status.example.com"},
		AllowCredentials: true,
	})
}
