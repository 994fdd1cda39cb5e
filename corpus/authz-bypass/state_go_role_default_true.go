package authz

func Allowed(role, action string) bool {
	switch role {
	case "viewer":
		return action == "read"
	case "editor":
		return action == "read" || action == "write"
	default:
		// expect: authz-bypass
		return true
	}
}
