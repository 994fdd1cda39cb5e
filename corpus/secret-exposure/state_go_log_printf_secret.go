package oauth

import (
	"log"
	"net/url"
)

func (c *Client) Refresh(refreshToken string) error {
	// expect: secret-exposure
	log.Printf("refreshing with token %s for client %s secret %s", refreshToken, c.ID, c.Secret)
	_, err := c.http.PostForm(c.TokenURL, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
	return err
}
