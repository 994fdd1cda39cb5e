<?php

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

function verified_claims(string $jwt): array
{
    // ok: token-verification
    return (array) JWT::decode($jwt, new Key(getenv('JWT_PUBLIC_KEY'), 'RS256'));
}
