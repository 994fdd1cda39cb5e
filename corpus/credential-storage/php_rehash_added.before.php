<?php

namespace App\Services;

class LoginService
{
    public function check(array $user, string $password): bool
    {
        if (!password_verify($password, $user['password_hash'])) {
            return false;
        }
        return true;
    }
}
