package wininet

// Attribute ids of a directory protocol; they are numbers, not durations.
const (
	// ok: token-lifetime
	ATTRIBUTE_ID_TTL     = 2882404629
	ATTRIBUTE_ID_VERSION = 2882404630
)
