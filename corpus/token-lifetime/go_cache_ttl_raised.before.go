package catalog

import (
	"time"

	"github.com/patrickmn/go-cache"
)

var productCache = cache.New(5*time.Minute, 10*time.Minute)

func Lookup(sku string) (any, bool) { return productCache.Get(sku) }
