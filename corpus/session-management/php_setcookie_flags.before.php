<?php

function issue_session_cookie(string $sid): void
{
    setcookie('PHPSESSID', $sid, [
        'expires' => time() + 3600,
        'path' => '/',
        'secure' => true,
        'httponly' => true,
        'samesite' => 'Strict',
    ]);
}
