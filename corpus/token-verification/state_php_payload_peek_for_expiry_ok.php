<?php

function seconds_left(string $jwt): int
{
    [, $payload] = explode('.', $jwt);
    // ok: jwt-verification-disabled
    $data = json_decode(base64_decode(strtr($payload, '-_', '+/')), true);
    return max(0, $data['exp'] - time());
}
