<?php

function fetch_oidc_config(string $issuer): array
{
    $ch = curl_init(rtrim($issuer, '/') . '/.well-known/openid-configuration');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
    $body = curl_exec($ch);
    curl_close($ch);
    return json_decode($body, true);
}
