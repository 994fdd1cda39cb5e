<?php

namespace App\Auth;

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

final class BearerAuth
{
    public function claims(string $token): array
    {
        return (array) JWT::decode($token, new Key(getenv('JWT_PUBLIC_KEY'), 'RS256'));
    }
}
