package access

func rolesFor(team string) []string {
	switch team {
	case "ops":
		return []string{"deploy", "restart"}
	case "support":
		return []string{"tickets:read"}
	}
	return nil
}

func hasRole(roles []string, want string) bool {
	for _, r := range roles {
		if r == want {
			return true
		}
	}
	return false
}
