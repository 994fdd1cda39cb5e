package authz

func RequiresStepUp(action string) bool {
	switch action {
	case "read":
		return false
	default:
		// ok: authz-bypass
		return true
	}
}
