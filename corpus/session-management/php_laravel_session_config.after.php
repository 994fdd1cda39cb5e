<?php

return [
    'driver' => env('SESSION_DRIVER', 'database'),
    // expect: session-management
    'lifetime' => 60 * 24 * 365,
    'expire_on_close' => false,
    'encrypt' => false,
    'cookie' => 'app_session',
    // expect: session-management
    'secure' => false,
    // expect: session-management
    'http_only' => false,
    'same_site' => 'lax',
];
