<?php

return [
    'guard' => ['web'],
    'expiration' => null,
];
