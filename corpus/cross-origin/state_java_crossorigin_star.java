package com.acme.web;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/account")
// expect: cross-origin
@CrossOrigin(origins = "*", allowCredentials = "true")
public class AccountController {
    @GetMapping("/me")
    public Account me(java.security.Principal p) {
        return Account.of(p.getName());
    }
}
