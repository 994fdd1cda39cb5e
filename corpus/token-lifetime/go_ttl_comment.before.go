package tokens

import "time"

const refreshTTL = 7 * 24 * time.Hour

func RefreshExpiry(now time.Time) time.Time { return now.Add(refreshTTL) }
