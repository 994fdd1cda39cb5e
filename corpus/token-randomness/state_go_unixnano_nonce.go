package oidc

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
)

func (c *Client) AuthURL(w http.ResponseWriter, r *http.Request) string {
	// expect: token-randomness
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	http.SetCookie(w, &http.Cookie{Name: "oidc_nonce", Value: nonce, HttpOnly: true, Secure: true})
	q := url.Values{}
	q.Set("client_id", c.ClientID)
	q.Set("redirect_uri", c.RedirectURL)
	q.Set("response_type", "code")
	q.Set("scope", "openid email")
	q.Set("nonce", nonce)
	return c.Issuer + "/authorize?" + q.Encode()
}
