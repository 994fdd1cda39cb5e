package client

import (
	"fmt"
	"net/http"
)

func (c *Client) ListInvoices(accountID string) (*http.Response, error) {
	// expect: secret-exposure
	url := fmt.Sprintf("%s/accounts/%s/invoices?access_token=%s", c.baseURL, accountID, c.accessToken)
	return c.http.Get(url)
}
