idgate-fixture-path: internal/tokens/tokens_test.go
package tokens

import (
	"testing"
	"time"
)

func TestIssueHonoursTTL(t *testing.T) {
	tok, err := IssueWithTTL("u1", []byte("k"), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if tok == "" {
		t.Fatal("empty token")
	}
}
