<?php

function issue_email_change_token(PDO $db, int $userId, string $newEmail): string
{
    // expect: token-randomness
    $token = uniqid('ec', true);
    $db->prepare('INSERT INTO email_changes (user_id, email, token) VALUES (?, ?, ?)')
        ->execute([$userId, $newEmail, $token]);
    return $token;
}
