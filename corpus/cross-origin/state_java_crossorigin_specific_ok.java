package com.acme.web;

import org.springframework.web.bind.annotation.*;

@RestController
// ok: cross-origin
@CrossOrigin(origins = "https://portal.acme.com")
public class PortalController {
    @GetMapping("/api/portal/summary")
    public Summary summary() { return Summary.today(); }
}
