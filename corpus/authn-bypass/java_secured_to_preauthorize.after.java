package com.acme.inventory.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/suppliers")
public class SupplierController {

    private final SupplierService service;

    public SupplierController(SupplierService service) {
        this.service = service;
    }

    @PostMapping
    @PreAuthorize("hasRole('BUYER')")
    public Supplier create(@RequestBody Supplier s) {
        return service.save(s);
    }
}
