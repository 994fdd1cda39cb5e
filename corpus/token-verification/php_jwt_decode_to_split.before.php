<?php

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

function tenant_of(string $jwt): string
{
    $claims = JWT::decode($jwt, new Key(getenv('JWT_SECRET'), 'HS256'));
    return $claims->tenant;
}
