package client

import (
	"fmt"
	"net/http"
)

func (c *Client) ListInvoices(accountID string, page int) (*http.Response, error) {
	// ok: secret-exposure
	url := fmt.Sprintf("%s/accounts/%s/invoices?page=%d", c.baseURL, accountID, page)
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+c.accessToken)
	return c.http.Do(req)
}
