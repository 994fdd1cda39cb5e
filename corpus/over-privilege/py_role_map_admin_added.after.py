ROLE_PERMISSIONS = {
    "viewer": {"reports:read"},
    # expect: over-privilege
    "support": {"tickets:read", "tickets:write", "users:read", "users:admin"},
    "admin": {"*"},
}
