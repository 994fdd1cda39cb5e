package server

import "github.com/rs/cors"

func corsOptions() cors.Options {
	return cors.Options{
		// expect: cross-origin
		AllowedOrigins:   []string{"*"},
		AllowCredentials: true,
		AllowedHeaders:   []string{"Authorization", "Content-Type"},
	}
}
