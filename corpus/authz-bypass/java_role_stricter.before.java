package com.acme.hr.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/bonuses")
public class BonusController {

    private final BonusService bonuses;

    public BonusController(BonusService bonuses) {
        this.bonuses = bonuses;
    }

    @PostMapping("/{employeeId}")
    @PreAuthorize("hasAnyRole('HR_ADMIN','MANAGER')")
    public Bonus award(@PathVariable long employeeId, @RequestBody Bonus b) {
        return bonuses.award(employeeId, b);
    }
}
