<?php

return [
    'driver' => env('SESSION_DRIVER', 'redis'),
    'lifetime' => 120,
    'expire_on_close' => true,
    'cookie' => 'app_session',
    'secure' => true,
    'http_only' => true,
    'same_site' => 'strict',
];
