<?php

namespace App\Services;

class Registrar
{
    public function hashFor(string $password): string
    {
        return password_hash($password, PASSWORD_ARGON2ID);
    }
}
