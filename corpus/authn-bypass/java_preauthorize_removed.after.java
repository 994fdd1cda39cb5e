package com.acme.inventory.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/warehouses")
public class WarehouseController {

    private final WarehouseService service;

    public WarehouseController(WarehouseService service) {
        this.service = service;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    public java.util.List<Warehouse> list() {
        return service.findAll();
    }

    @DeleteMapping("/{id}")
    // expect: authn-bypass
    public void delete(@PathVariable long id) {
        service.delete(id);
    }
}
