<?php

return [
    'paths' => ['api/*'],
    'allowed_methods' => ['GET', 'POST'],
    // ok: cross-origin
    'allowed_origins' => ['https://app.example.com'],
    'supports_credentials' => true,
];
