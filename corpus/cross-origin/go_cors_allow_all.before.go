package server

import "github.com/rs/cors"

func corsOptions() cors.Options {
	return cors.Options{
		AllowedOrigins:   []string{"https://console.example.com"},
		AllowCredentials: true,
		AllowedHeaders:   []string{"Authorization", "Content-Type"},
	}
}
