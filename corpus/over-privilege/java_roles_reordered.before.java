package com.acme.accounts;

import java.util.List;

public final class Roles {
    public static final List<String> SUPPORT = List.of("ROLE_TICKETS_WRITE", "ROLE_USER", "ROLE_TICKETS_READ");
}
