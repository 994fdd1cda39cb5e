<?php

use Firebase\JWT\JWT;

function issue_partner_token(string $partnerId): string
{
    $payload = ['sub' => $partnerId, 'iss' => 'partner-portal'];
    // expect: token-lifetime
    return JWT::encode($payload, getenv('PARTNER_JWT_KEY'), 'HS256');
}
