package com.acme.crm.service;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

@Service
public class AccountService {
    private final AccountRepository repo;
    private final CurrentTenant tenant;

    public AccountService(AccountRepository repo, CurrentTenant tenant) {
        this.repo = repo;
        this.tenant = tenant;
    }

    // expect: authz-bypass
    public Account load(long id) {
        Account a = repo.findById(id).orElseThrow();
        return a;
    }
}
