<?php

namespace App\Auth;

use App\Mail\Mailer;
use PDO;

class PasswordReset
{
    public function __construct(private PDO $db, private Mailer $mailer)
    {
    }

    public function request(string $email): void
    {
        $stmt = $this->db->prepare('SELECT id FROM users WHERE email = ?');
        $stmt->execute([$email]);
        $userId = $stmt->fetchColumn();
        if ($userId === false) {
            return;
        }
        // expect: token-randomness
        $token = sha1($email . time());
        $this->db->prepare('INSERT INTO password_resets (user_id, token, created_at) VALUES (?, ?, NOW())')
            ->execute([$userId, $token]);
        $this->mailer->send($email, 'Reset your password', "https://example.com/reset?token={$token}");
    }
}
