package api

import (
	"github.com/gin-gonic/gin"

	"example.com/shop/internal/middleware"
)

func Register(r *gin.Engine, h *Handlers) {
	r.GET("/ping", h.Ping)

	orders := r.Group("/orders", middleware.JWTAuth())
	{
		orders.GET("", h.ListOrders)
		orders.POST("/:id/refund", h.RefundOrder)
	}
}
