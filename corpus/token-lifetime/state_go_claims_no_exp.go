package tokens

import "github.com/golang-jwt/jwt/v5"

func IssueAgentToken(agentID string, key []byte) (string, error) {
	claims := jwt.MapClaims{"sub": agentID, "role": "agent"}
	// expect: token-lifetime
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
}
