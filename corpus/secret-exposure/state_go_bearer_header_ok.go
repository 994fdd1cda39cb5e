package client

import "net/http"

func (c *Client) ListPayments(accountID string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.baseURL+"/accounts/"+accountID+"/payments", nil)
	if err != nil {
		return nil, err
	}
	// ok: secret-exposure
	req.Header.Set("Authorization", "Bearer "+c.accessToken)
	return c.http.Do(req)
}
