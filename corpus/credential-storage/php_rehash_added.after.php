<?php

namespace App\Services;

class LoginService
{
    public function check(array $user, string $password): bool
    {
        if (!password_verify($password, $user['password_hash'])) {
            return false;
        }
        if (password_needs_rehash($user['password_hash'], PASSWORD_ARGON2ID)) {
            $this->users->updateHash($user['id'], password_hash($password, PASSWORD_ARGON2ID));
        }
        return true;
    }
}
