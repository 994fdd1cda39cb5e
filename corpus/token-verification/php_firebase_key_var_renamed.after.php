<?php

namespace App\Auth;

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

final class ServiceTokens
{
    public function verify(string $jwt): array
    {
        $signingKey = new Key(getenv('SERVICE_JWT_KEY'), 'HS256');
        return (array) JWT::decode($jwt, $signingKey);
    }
}
