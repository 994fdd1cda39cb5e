<?php

namespace App\Legacy;

class UserRepository
{
    public function __construct(private \PDO $pdo) {}

    public function create(string $email, string $password): void
    {
        $stmt = $this->pdo->prepare('INSERT INTO users (email, password) VALUES (?, ?)');
        // expect: credential-storage
        $stmt->execute([$email, sha1($password)]);
    }
}
