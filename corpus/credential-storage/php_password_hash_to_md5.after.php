<?php

namespace App\Services;

class Registrar
{
    public function hashFor(string $password): string
    {
        // expect: credential-storage
        return md5($password);
    }
}
