package server

import (
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

func New() *gin.Engine {
	r := gin.New()
	cfg := cors.DefaultConfig()
	// expect: cross-origin
	cfg.AllowOriginFunc = func(origin string) bool { return true }
	cfg.AllowCredentials = true
	r.Use(cors.New(cfg))
	return r
}
