<?php

function login_user(array $user): void
{
    // ok: session-management
    session_regenerate_id(true);
    $_SESSION['user_id'] = $user['id'];
}
