<?php

function remember_login(array $user, string $token): void
{
    store_remember_token($user['id'], hash('sha256', $token));
    // expect: session-management
    setcookie('remember_token', $token, time() + 60 * 60 * 24 * 14, '/', '', true);
}
