<?php

return [
    'guard' => ['web'],
    'expiration' => 60 * 8,
];
