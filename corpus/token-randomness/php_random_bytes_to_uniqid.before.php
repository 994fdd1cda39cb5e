<?php

function issue_email_change_token(PDO $db, int $userId, string $newEmail): string
{
    $token = bin2hex(random_bytes(32));
    $db->prepare('INSERT INTO email_changes (user_id, email, token) VALUES (?, ?, ?)')
        ->execute([$userId, $newEmail, $token]);
    return $token;
}
