package com.acme.hr.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/salaries")
public class SalaryController {

    private final SalaryService salaries;

    public SalaryController(SalaryService salaries) {
        this.salaries = salaries;
    }

    @PutMapping("/{employeeId}")
    @PreAuthorize("isAuthenticated()")
    // expect: authz-bypass
    public Salary update(@PathVariable long employeeId, @RequestBody Salary s) {
        return salaries.update(employeeId, s);
    }
}
