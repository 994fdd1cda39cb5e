package com.acme.crm.service;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

@Service
public class ContactService {
    private final ContactRepository repo;
    private final CurrentTenant tenant;

    public ContactService(ContactRepository repo, CurrentTenant tenant) {
        this.repo = repo;
        this.tenant = tenant;
    }

    public Contact load(long id) {
        Contact c = repo.findById(id).orElseThrow();
        if (!c.getTenantId().equals(tenant.id())) {
            throw new AccessDeniedException("denied");
        }
        return c;
    }
}
