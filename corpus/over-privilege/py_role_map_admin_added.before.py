ROLE_PERMISSIONS = {
    "viewer": {"reports:read"},
    "support": {"tickets:read", "tickets:write", "users:read"},
    "admin": {"*"},
}
