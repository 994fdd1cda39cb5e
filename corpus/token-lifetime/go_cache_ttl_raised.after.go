package catalog

import (
	"time"

	"github.com/patrickmn/go-cache"
)

// ok: token-lifetime
var productCache = cache.New(time.Hour*24, 48*time.Hour)

func Lookup(sku string) (any, bool) { return productCache.Get(sku) }
