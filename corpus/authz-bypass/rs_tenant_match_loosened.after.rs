pub struct Caller {
    pub tenant_id: String,
    pub is_staff: bool,
}

pub fn can_read(caller: &Caller, resource_tenant: &str) -> bool {
    // expect: authz-bypass
    !caller.tenant_id.is_empty() || caller.is_staff
}
