<?php

function create_api_token(int $userId, PDO $db): string
{
    // expect: token-randomness
    $token = sha1(uniqid('', true));
    $db->prepare('INSERT INTO api_tokens (user_id, token) VALUES (?, ?)')->execute([$userId, $token]);
    return $token;
}
