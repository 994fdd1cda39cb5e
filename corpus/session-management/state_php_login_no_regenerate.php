<?php

function login(PDO $db, string $email, string $password): bool
{
    $stmt = $db->prepare('SELECT id, password_hash FROM users WHERE email = ?');
    $stmt->execute([$email]);
    $row = $stmt->fetch();
    if (!$row || !password_verify($password, $row['password_hash'])) {
        return false;
    }
    // expect: session-management
    $_SESSION['user_id'] = $row['id'];
    return true;
}
