<?php

return [
    // ok: hardcoded-secret
    'secret' => env('MAILGUN_SECRET'),
    'domain' => env('MAILGUN_DOMAIN', 'mg.example.com'),
];
