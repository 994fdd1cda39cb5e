pub enum Role {
    Viewer,
    Editor,
    Billing,
}

pub fn can_access(role: &Role, action: &str) -> bool {
    match role {
        Role::Viewer => action == "read",
        Role::Editor => matches!(action, "read" | "write"),
        // expect: authz-bypass
        _ => true,
    }
}

pub fn needs_approval(action: &str) -> bool {
    match action {
        "read" => false,
        // ok: authz-bypass
        _ => true,
    }
}

pub fn is_allowed(role: &Role, action: &str) -> bool {
    match role {
        Role::Viewer => action == "read",
        // ok: authz-bypass
        _ => false,
    }
}
