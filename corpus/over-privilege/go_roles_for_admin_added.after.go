package access

func rolesFor(team string) []string {
	switch team {
	case "ops":
		// expect: over-privilege
		return []string{"deploy", "restart", "cluster-admin"}
	case "support":
		return []string{"tickets:read"}
	}
	return nil
}

func hasRole(roles []string, want string) bool {
	for _, r := range roles {
		if r == want || r == "admin" {
			return true
		}
	}
	return false
}
