pub struct Caller {
    pub tenant_id: String,
    pub is_staff: bool,
}

pub fn can_read(caller: &Caller, resource_tenant: &str) -> bool {
    caller.tenant_id == resource_tenant || caller.is_staff
}
