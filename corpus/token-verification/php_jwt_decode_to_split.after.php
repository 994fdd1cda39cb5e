<?php

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

function tenant_of(string $jwt): string
{
    // expect: jwt-verification-disabled
    $claims = json_decode(base64_decode(explode('.', $jwt)[1]));
    return $claims->tenant;
}
