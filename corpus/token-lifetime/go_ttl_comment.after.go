package tokens

import "time"

// refreshTTL bounds how long a refresh token may be exchanged; rotation shortens it further.
const refreshTTL = 7 * 24 * time.Hour

func RefreshExpiry(now time.Time) time.Time { return now.Add(refreshTTL) }
