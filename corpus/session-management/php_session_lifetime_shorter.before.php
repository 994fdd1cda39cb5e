<?php

return [
    'driver' => env('SESSION_DRIVER', 'redis'),
    'lifetime' => 480,
    'expire_on_close' => true,
    'cookie' => 'app_session',
    'secure' => true,
    'http_only' => true,
    'same_site' => 'strict',
];
