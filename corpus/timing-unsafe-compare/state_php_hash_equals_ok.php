<?php

function check_webhook(string $body, string $sig): bool
{
    $expected = hash_hmac('sha256', $body, getenv('WEBHOOK_SECRET'));
    // ok: timing-unsafe-compare
    return hash_equals($expected, $sig);
}
