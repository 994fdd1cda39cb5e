<?php

function hash_user_password(string $password): string
{
    // ok: credential-storage
    return password_hash($password, PASSWORD_BCRYPT, ['cost' => 12]);
}
