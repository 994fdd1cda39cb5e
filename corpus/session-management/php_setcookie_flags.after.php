<?php

function issue_session_cookie(string $sid): void
{
    // expect: session-management
    setcookie('PHPSESSID', $sid, time() + 3600 * 24 * 365, '/');
}
